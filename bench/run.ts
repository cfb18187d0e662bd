// `npm run bench`: plan cost as orgs grow, apply under a rate limit, the naive read, startup. Prints the results as
// Markdown, writes bench/results.json, and with `--readme` rewrites the README's bench section.
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, release, tmpdir, type } from 'node:os';
import { join, resolve } from 'node:path';
import { benchApply, BENCH_RATE_LIMIT } from './apply.js';
import { benchNaive } from './naive.js';
import { LATENCY_MS, READ_LAG_MS } from './org.js';
import { benchPlan, type PlanBench } from './plan.js';
import { renderResults, TARGETS, updateReadmeSection, type BenchResults } from './render.js';
import { ACTION_BUNDLE, benchStartup } from './startup.js';

const ROOT = resolve(import.meta.dirname, '..');
const PLAN_SIZES = [10, 100, 1_000, 5_000];
const APPLY_SIZES = [50, 500];
const NAIVE_SIZE = 1_000;

// The SDK reads ~/.genesyscloudjavascript/config; the bench must not pick up the user's.
process.env.HOME = mkdtempSync(join(tmpdir(), 'gos-bench-home-'));

const say = (line: string): void => void process.stderr.write(`${line}\n`);

function warnIfBundleIsStale(): void {
  const bundle = statSync(ACTION_BUNDLE).mtimeMs;
  const sources = readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
  const newest = Math.max(...sources.map((file) => statSync(join(ROOT, 'src', file)).mtimeMs));
  if (newest > bundle) say('Warning: dist/index.js is older than src/: run `npm run build` first, or startup measures an old bundle.');
}

async function main(): Promise<void> {
  const started = Date.now();
  warnIfBundleIsStale();
  const plan: PlanBench[] = [];
  for (const size of PLAN_SIZES) {
    say(`plan: ${size} clients…`);
    plan.push(await benchPlan(size));
  }
  const apply = [];
  for (const size of APPLY_SIZES) {
    say(`apply: ${size} changes under ${BENCH_RATE_LIMIT.requests} requests per ${BENCH_RATE_LIMIT.windowMs / 1000} s…`);
    apply.push(await benchApply(size));
  }
  say(`naive read: ${NAIVE_SIZE} clients…`);
  const naive = await benchNaive(NAIVE_SIZE);
  say('startup…');
  const startup = await benchStartup();

  const results: BenchResults = {
    date: new Date().toISOString().slice(0, 10),
    machine: {
      node: process.version,
      cpu: cpus()[0]?.model.trim() ?? 'unknown CPU',
      cores: availableParallelism(),
      platform: `${type()} ${release()}`,
    },
    latencyMs: LATENCY_MS,
    readLagMs: READ_LAG_MS,
    rateLimit: BENCH_RATE_LIMIT,
    plan,
    apply,
    naive,
    startup,
    targets: {
      constantPlanRequests: new Set(plan.map((p) => p.requests)).size === 1,
      applyRatio: apply.every((a) => a.ratio <= TARGETS.applyRatio),
      applyFailures: apply.every((a) => a.failures === 0),
      startupRatio: startup.ratio <= TARGETS.startupRatio,
      bundleSize: startup.bundleBytes <= TARGETS.bundleBytes,
    },
  };
  writeFileSync(join(ROOT, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
  const section = renderResults(results);
  process.stdout.write(`${section}\n`);
  if (process.argv.includes('--readme')) {
    const readme = join(ROOT, 'README.md');
    writeFileSync(readme, updateReadmeSection(readFileSync(readme, 'utf8'), section));
    say('README.md: bench section rewritten.');
  }
  say(`bench finished in ${((Date.now() - started) / 1000).toFixed(0)} s; results in bench/results.json.`);
  // A plan that costs more requests as the org grows is a regression, not a slow machine.
  if (!results.targets.constantPlanRequests) process.exitCode = 1;
}

await main();
