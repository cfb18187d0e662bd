// Runs a workflow job's steps on this machine the way the runner would, for the few things our own workflows use:
// `run:` steps in bash with GITHUB_OUTPUT, `uses: ./` steps as `node <runs.main>` with INPUT_* (declared defaults
// included), `steps.<id>.outputs.<name>` and `github.token` in expressions, and `if: always()`. Anything else
// throws, so a workflow that outgrows this runner fails the test instead of passing untested.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface WorkflowStep {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string | number | boolean>;
  env?: Record<string, string>;
}

export interface StepResult {
  label: string;
  conclusion: 'success' | 'failure' | 'skipped';
  outputs: Record<string, string>;
  log: string;
}

export interface JobRun {
  steps: StepResult[];
  /** The runner's temp folder, where steps may leave files (a pid, a log). */
  runnerTemp: string;
}

interface ActionYml {
  inputs: Record<string, { default?: string }>;
  runs: { using: string; main: string };
}

export interface JobRunOptions {
  workspace: string;
  steps: WorkflowStep[];
  /** Job-level `env:`. */
  env?: Record<string, string>;
  /** Ids of leading steps that prepare the machine (checkout, setup-node, npm ci): already done here. */
  skip: readonly string[];
  /** GITHUB_* variables of the event the job runs for. */
  github: Record<string, string>;
  token: string;
}

/** GITHUB_OUTPUT as the runner reads it: `name=value` lines and `name<<delimiter` blocks. */
function parseStepOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const block = /^([^<=]+)<<(.+)$/.exec(lines[i]!);
    if (block) {
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== block[2]; i++) value.push(lines[i]!);
      outputs[block[1]!] = value.join('\n');
      continue;
    }
    const single = /^([^=]+)=(.*)$/.exec(lines[i]!);
    if (single) outputs[single[1]!] = single[2]!;
  }
  return outputs;
}

const EXPRESSION = /\$\{\{\s*(.*?)\s*\}\}/g;

function evaluate(text: string, outputs: Map<string, Record<string, string>>, token: string): string {
  return text.replace(EXPRESSION, (_, expression: string) => {
    const step = /^steps\.([A-Za-z_][\w-]*)\.outputs\.([A-Za-z_][\w-]*)$/.exec(expression);
    if (step) return outputs.get(step[1]!)?.[step[2]!] ?? '';
    if (expression === 'github.token') return token;
    throw new Error(`The workflow uses \`\${{ ${expression} }}\`, which the local workflow runner cannot evaluate.`);
  });
}

function shouldRun(step: WorkflowStep, failed: boolean): boolean {
  if (step.if === undefined) return !failed;
  if (/^(\$\{\{\s*)?always\(\)(\s*\}\})?$/.test(step.if.trim())) return true;
  throw new Error(`The workflow has \`if: ${step.if}\`, which the local workflow runner cannot evaluate.`);
}

function execute(command: string, args: string[], cwd: string, env: Record<string, string>): Promise<{ code: number; log: string }> {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  return new Promise((done) => child.on('close', (code) => done({ code: code ?? -1, log })));
}

/** Runs the steps in order; a failure skips the following steps except `if: always()` ones, as on GitHub. */
export async function runJob(options: JobRunOptions): Promise<JobRun> {
  const runnerTemp = mkdtempSync(join(tmpdir(), 'gos-runner-'));
  const action = parse(readFileSync(join(options.workspace, 'action.yml'), 'utf8')) as ActionYml;
  const outputs = new Map<string, Record<string, string>>();
  const results: StepResult[] = [];
  let failed = false;
  for (const [index, step] of options.steps.entries()) {
    const label = step.id ?? step.name ?? `step ${index + 1}`;
    if (step.id && options.skip.includes(step.id)) continue;
    if (!shouldRun(step, failed)) {
      results.push({ label, conclusion: 'skipped', outputs: {}, log: '' });
      continue;
    }
    const outputFile = join(runnerTemp, `output-${index}`);
    writeFileSync(outputFile, '');
    const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, evaluate(String(v), outputs, options.token)]));
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: runnerTemp,
      CI: 'true',
      NO_PROXY: '127.0.0.1,localhost',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: options.workspace,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: join(runnerTemp, `summary-${index}.md`),
      RUNNER_TEMP: runnerTemp,
      ...options.github,
      ...options.env,
      ...stepEnv,
    };
    let run: { code: number; log: string };
    if (step.run !== undefined) {
      const script = join(runnerTemp, `step-${index}.sh`);
      writeFileSync(script, evaluate(step.run, outputs, options.token));
      run = await execute('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], options.workspace, env);
    } else if (step.uses === './') {
      if (action.runs.using !== 'node24') throw new Error(`action.yml runs on \`${action.runs.using}\`, not node24.`);
      const given = step.with ?? {};
      const unknown = Object.keys(given).filter((key) => !(key in action.inputs));
      if (unknown.length > 0) throw new Error(`Step \`${label}\` passes inputs action.yml does not declare: ${unknown.join(', ')}.`);
      for (const [name, input] of Object.entries(action.inputs)) {
        const value = name in given ? String(given[name]) : input.default;
        if (value !== undefined) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = evaluate(value, outputs, options.token);
      }
      run = await execute(process.execPath, [join(options.workspace, action.runs.main)], options.workspace, env);
    } else {
      throw new Error(`Step \`${label}\` uses \`${step.uses}\`, which the local workflow runner cannot run; list it in \`skip\`.`);
    }
    const stepOutputs = parseStepOutputs(readFileSync(outputFile, 'utf8'));
    if (step.id) outputs.set(step.id, stepOutputs);
    failed ||= run.code !== 0;
    results.push({ label, conclusion: run.code === 0 ? 'success' : 'failure', outputs: stepOutputs, log: run.log });
  }
  return { steps: results, runnerTemp };
}
