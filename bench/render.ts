// Bench results → Markdown: printed by `npm run bench`, and written into the README between the bench markers.
import { DEFAULT_REQUESTS_PER_MINUTE } from '../src/genesys/rate-limiter.js';
import type { ApplyBench } from './apply.js';
import type { NaiveBench } from './naive.js';
import type { PlanBench } from './plan.js';
import type { StartupBench } from './startup.js';

export const README_START = '<!-- bench:start -->';
export const README_END = '<!-- bench:end -->';

export interface Machine {
  node: string;
  cpu: string;
  cores: number;
  platform: string;
}

export interface BenchResults {
  date: string;
  machine: Machine;
  latencyMs: number;
  /** How long the emulator's reads lag behind writes (its realistic profile); absent in results from before. */
  readLagMs?: number;
  rateLimit: { requests: number; windowMs: number };
  plan: PlanBench[];
  apply: ApplyBench[];
  naive: NaiveBench;
  startup: StartupBench;
  targets: { constantPlanRequests: boolean; applyRatio: boolean; applyFailures: boolean; startupRatio: boolean; bundleSize: boolean };
}

/** The Action bundle before the GitHub client moved to @octokit/rest; it may grow by 5 % at most. */
const BUNDLE_BASELINE_MIB = 2.61;
export const TARGETS = { applyRatio: 1.15, startupRatio: 1.5, bundleBytes: Math.round(BUNDLE_BASELINE_MIB * 1.05 * 1_048_576) };

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const ms = (n: number): string => (n >= 10_000 ? `${(n / 1000).toFixed(1)} s` : `${int(n)} ms`);
const pct = (share: number): string => `${(share * 100).toFixed(0)} %`;
const mib = (n: number): string => `${n.toFixed(0)} MiB`;
const times = (n: number): string => `${n >= 10 ? n.toFixed(0) : n.toFixed(2)}×`;
const mark = (ok: boolean): string => (ok ? '✓' : '✗ (missed)');

function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

/** The whole bench section (without the markers), every number taken from `results`. */
export function renderResults(results: BenchResults): string {
  const { machine, plan, apply, naive, startup, targets, rateLimit } = results;
  const perSecond = (rateLimit.requests * 1000) / rateLimit.windowMs;
  return [
    `Measured by \`npm run bench\` on ${results.date}: Node ${machine.node}, ` +
      `${machine.cpu}, ${machine.cores} cores, ${machine.platform}. ` +
      `The Genesys Cloud emulator adds ${results.latencyMs} ms to every request and plays Genesys as it behaves (its realistic profile): ` +
      `a read shows a write ${ms(results.readLagMs ?? 0)} late, and deletes are soft. \`npm run bench -- --readme\` rewrites this section.`,
    '**Plan** (the real `plan` mode in a process of its own; the ' +
      'definitions change a fifth of the clients, drop a 25th and add a 50th). ' +
      `Requests stay constant as the org grows: ${mark(targets.constantPlanRequests)}. ` +
      "Peak RSS is the planning process's `maxRSS` (Node, tsx and the SDK included).",
    table(
      [
        'live clients',
        'Genesys requests',
        'wall',
        'waiting on Genesys',
        'definitions (read + validate)',
        'normalise + diff + render',
        'share of wall',
        'comment',
        'peak RSS',
      ],
      plan.map((p) => [
        int(p.clients),
        int(p.requests),
        ms(p.wallMs),
        ms(p.genesysMs),
        ms(p.definitionsMs),
        ms(p.planMs + p.renderMs),
        pct(p.localShare),
        `${int(p.commentChars)} chars`,
        mib(p.peakRssMiB),
      ]),
    ),
    `**Apply** under an emulated limit of ${rateLimit.requests} requests per ` +
      `${rateLimit.windowMs / 1000} s (${perSecond} a second; half creates, half updates; ` +
      'the real `apply` mode, auto-approved, including its plan and read-back). The ' +
      `Action starts at Genesys' documented ${DEFAULT_REQUESTS_PER_MINUTE} requests a minute ` +
      "and, once a 429 states the org's limit, paces under that limit instead of bursting into more 429s. The least time is " +
      'the admitted requests ÷ the rate, or, if longer, the requests up to the last write ÷ the rate plus the ' +
      `${ms(results.readLagMs ?? 0)} before a read shows that write; ` +
      `target ≤ ${TARGETS.applyRatio}: ${mark(targets.applyRatio)}, no failures: ${mark(targets.applyFailures)}.`,
    table(
      ['changes', 'requests admitted', '429s met', 'wall', 'least the limit allows', 'ratio', 'failures'],
      apply.map((a) => [
        int(a.changes),
        int(a.admitted),
        int(a.rateLimited),
        ms(a.wallMs),
        ms(a.minimumMs),
        times(a.ratio),
        int(a.failures),
      ]),
    ),
    `**Reading an org of ${int(naive.clients)} clients**, one GET per client as a ` +
      `Terraform refresh does (${naive.parallelism} in flight, no rate limit) against ours ` +
      `(one list plus lookups): ${times(naive.requestRatio)} the requests and ${times(naive.timeRatio)} the time. ` +
      `At Genesys' default ${DEFAULT_REQUESTS_PER_MINUTE} requests a minute the ` +
      `naive way cannot take less than ${ms(naive.naiveFloorAtDefaultLimitMs)}.`,
    table(
      ['', 'requests', 'wall'],
      [
        ['one GET per client', int(naive.naive.requests), ms(naive.naive.wallMs)],
        ['genesys-oauth-sync', int(naive.ours.requests), ms(naive.ours.wallMs)],
      ],
    ),
    `**Startup** (median of ${startup.runs}): \`node dist/index.js\` sends ` +
      `its first Genesys request ${ms(startup.actionMs)} after the spawn; ` +
      `a bare \`node -e "require('purecloud-platform-client-v2')"\` that sends one request takes ${ms(startup.bareRequireMs)}: ` +
      `${times(startup.ratio)} (target ≤ ${TARGETS.startupRatio}: ${mark(targets.startupRatio)}). ` +
      `Bundle: ${(startup.bundleBytes / 1_048_576).toFixed(2)} MiB (${(startup.bundleGzipBytes / 1_048_576).toFixed(2)} MiB gzipped; ` +
      `target ≤ ${(TARGETS.bundleBytes / 1_048_576).toFixed(2)} MiB, 5 % over the ` +
      `${BUNDLE_BASELINE_MIB} MiB before \`@octokit/rest\`: ${mark(targets.bundleSize)}).`,
  ].join('\n\n');
}

/** Replaces what is between the bench markers of `readme`. */
export function updateReadmeSection(readme: string, section: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${README_START} … ${README_END} section.`);
  return `${readme.slice(0, start + README_START.length)}\n${section}\n${readme.slice(end)}`;
}
