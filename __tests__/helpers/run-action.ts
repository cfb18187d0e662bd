// Runs the bundled Action the way the runner does: `node dist/index.js` with INPUT_* (hyphens kept), an event
// payload file, and GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files to read back.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PR_HEAD_SHA } from './fake-github.js';

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

export async function runAction(options: ActionRunOptions): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), 'gos-run-'));
  const eventPath = join(dir, 'event.json');
  const outputPath = join(dir, 'output.txt');
  const summaryPath = join(dir, 'summary.md');
  writeFileSync(eventPath, JSON.stringify(options.payload));
  writeFileSync(outputPath, '');
  writeFileSync(summaryPath, '');
  const node = nodeArgs(ACTION_ENTRY, options.clockUrl);
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
    ...node.env,
    ...inputs,
    ...options.env,
  };
  const child = spawn(process.execPath, node.args, { cwd: options.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let pending = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (!options.onLine) return;
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) options.onLine(line, () => child.kill('SIGKILL'));
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number>((done) => child.on('close', (c) => done(c ?? -1)));
  const outputs = parseOutputFile(readFileSync(outputPath, 'utf8'));
  const summary = readFileSync(summaryPath, 'utf8');
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
