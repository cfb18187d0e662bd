// Runs the bundled Action the way the runner does: `node dist/index.js` with INPUT_* (hyphens kept), an event
// payload file, and GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files to read back.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PR_HEAD_SHA } from './fake-github.js';
import { createVirtualScheduler } from './virtual-scheduler.mjs';

export const ACTION_ENTRY = resolve(import.meta.dirname, '../../dist/index.js');
/** The test-only preload that gives a spawned bundle a virtual clock moving the emulator's (`virtual-time.mjs`). */
export const VIRTUAL_TIME = resolve(import.meta.dirname, 'virtual-time.mjs');

/** `node` arguments for `entry`: with `clockUrl`, under the virtual clock that moves that emulator clock route. */
export function nodeArgs(entry: string, clockUrl: string | undefined): { args: string[]; env: Record<string, string> } {
  if (!clockUrl) return { args: [entry], env: {} };
  return { args: ['--import', VIRTUAL_TIME, entry], env: { GOS_TEST_CLOCK_URL: clockUrl } };
}

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** Every file the run wrote that a person or a later step could read, for sentinel scans. */
  channels: Record<string, string>;
}

/** A line of a Node stack trace: no run may print one, whatever went wrong. */
export const STACK_FRAME = /^\s+at .*:\d+:\d+\)?$/m;

/** The `::error::` line `core.setFailed` writes, unescaped; empty when the run did not fail. */
export function failureLine(run: Pick<ActionRun, 'stdout'>): string {
  const line = run.stdout.split('\n').find((l) => l.startsWith('::error::'));
  return decodeURIComponent((line ?? '').slice('::error::'.length));
}

export interface ActionRunOptions {
  workspace: string;
  eventName: string;
  payload: unknown;
  inputs: Record<string, string>;
  env?: Record<string, string>;
  sha?: string;
  ref?: string;
  /** The emulator's clock route: the run sleeps on a virtual clock that moves it, and never waits in real time. */
  clockUrl?: string;
  /** Sees each stdout line as it comes; `kill()` ends the run as a crash would (SIGKILL, nothing flushed). */
  onLine?: (line: string, kill: () => void) => void;
}

/** Parses the `name<<delimiter` blocks @actions/core writes to GITHUB_OUTPUT. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i]!);
    if (!match) continue;
    const [, name, delimiter] = match;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i]!);
    outputs[name!] = value.join('\n');
  }
  return outputs;
}

interface PreparedRun {
  env: Record<string, string>;
  outputPath: string;
  summaryPath: string;
}

/** The runner's files and environment for one run: INPUT_* (hyphens kept), the event file, output and summary files. */
function prepareRun(options: ActionRunOptions, extraEnv: Record<string, string>): PreparedRun {
  const dir = mkdtempSync(join(tmpdir(), 'gos-run-'));
  const eventPath = join(dir, 'event.json');
  const outputPath = join(dir, 'output.txt');
  const summaryPath = join(dir, 'summary.md');
  writeFileSync(eventPath, JSON.stringify(options.payload));
  writeFileSync(outputPath, '');
  writeFileSync(summaryPath, '');
  const inputs = Object.fromEntries(Object.entries(options.inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    NO_PROXY: '127.0.0.1,localhost',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_REPOSITORY: 'acme/genesys-config',
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_NUMBER: '17',
    GITHUB_WORKFLOW: 'genesys',
    GITHUB_SHA: options.sha ?? 'a'.repeat(40),
    GITHUB_REF: options.ref ?? 'refs/heads/main',
    RUNNER_TEMP: dir,
    ...extraEnv,
    ...inputs,
    ...options.env,
  };
  return { env, outputPath, summaryPath };
}

/** What a finished run left: its outputs, summary and every readable channel. */
function collectRun(prepared: PreparedRun, code: number, stdout: string, stderr: string): ActionRun {
  const outputs = parseOutputFile(readFileSync(prepared.outputPath, 'utf8'));
  const summary = readFileSync(prepared.summaryPath, 'utf8');
  const planFile = outputs['plan-json'];
  const channels: Record<string, string> = {
    stdout: stdout.replace(/^::add-mask::.*$/gm, ''),
    stderr,
    summary,
    outputs: JSON.stringify(outputs),
  };
  if (planFile) channels['plan-json'] = readFileSync(planFile, 'utf8');
  return { code, stdout, stderr, outputs, summary, channels };
}

/** Feeds `onLine` whole lines from chunks of output. */
function lineReader(onLine: ActionRunOptions['onLine'], kill: () => void): (chunk: string) => void {
  let pending = '';
  return (chunk) => {
    if (!onLine) return;
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) onLine(line, kill);
  };
}

export async function runAction(options: ActionRunOptions): Promise<ActionRun> {
  const node = nodeArgs(ACTION_ENTRY, options.clockUrl);
  const prepared = prepareRun(options, node.env);
  const { env } = prepared;
  const child = spawn(process.execPath, node.args, { cwd: options.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const lines = lineReader(options.onLine, () => child.kill('SIGKILL'));
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    lines(chunk.toString());
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number>((done) => child.on('close', (c) => done(c ?? -1)));
  return collectRun(prepared, code, stdout, stderr);
}

/**
 * The same run inside this process, on `src/`: what mutation testing can see. @actions/core reads the runner's files
 * from `process.env` and writes commands to `process.stdout`, so both are lent to the run and given back after it;
 * `advance` moves the emulator's clock as the run sleeps on a virtual one (the hook of `src/modes/clock.ts`).
 */
export async function runActionInProcess(options: ActionRunOptions, advance: (ms: number) => void): Promise<ActionRun> {
  const prepared = prepareRun(options, {});
  const saved = { ...process.env };
  const write = process.stdout.write;
  const hook = Symbol.for('genesys-oauth-sync.test-clock');
  const global = globalThis as { [hook]?: unknown };
  let stdout = '';
  Object.assign(process.env, prepared.env);
  const lines = lineReader(options.onLine, () => {
    throw new Error('An in-process run cannot be killed: run this test on dist/ (without `inProcess`).');
  });
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += chunk.toString();
    lines(chunk.toString());
    return true;
  }) as typeof process.stdout.write;
  global[hook] = createVirtualScheduler({ advance });
  try {
    const { runAction: run } = await import('../../src/action/main.js');
    await run(prepared.env, options.workspace);
    const code = typeof process.exitCode === 'number' ? process.exitCode : 0;
    return collectRun(prepared, code, stdout, '');
  } finally {
    // @actions/core keeps one summary, which remembers the first GITHUB_STEP_SUMMARY it wrote to: forget it, as a new
    // process would.
    const { summary } = await import('@actions/core');
    (summary as unknown as { _filePath?: string })._filePath = undefined;
    summary.emptyBuffer();
    process.stdout.write = write;
    process.exitCode = undefined;
    delete global[hook];
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

/** A pull_request payload for acme/genesys-config; `fork` makes the head repository someone else's. */
export function pullRequestEvent(number: number, fork = false) {
  const repo = { full_name: 'acme/genesys-config', default_branch: 'main' };
  return {
    action: 'synchronize',
    number,
    pull_request: {
      number,
      html_url: `https://github.example/acme/genesys-config/pull/${number}`,
      head: { sha: PR_HEAD_SHA, repo: fork ? { full_name: 'stranger/genesys-config', fork: true } : { ...repo, fork: false } },
      base: { repo },
    },
    repository: repo,
  };
}

export function pushEvent() {
  return { ref: 'refs/heads/main', repository: { full_name: 'acme/genesys-config', default_branch: 'main' } };
}

/** A `schedule` payload: no pull request, no ref, only the repository. */
export function scheduleEvent() {
  return { repository: pushEvent().repository };
}
