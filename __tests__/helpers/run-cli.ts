// Runs the built CLI as a person does: `node dist/cli.js <command>` in a workspace, credentials in the environment.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export const CLI_ENTRY = resolve(import.meta.dirname, '../../dist/cli.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Spawns the CLI with nothing inherited but PATH, stdout and stderr piped (so not a terminal). */
export async function runCli(
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string>; entry?: string },
): Promise<CliRun> {
  const env = { PATH: process.env.PATH ?? '', HOME: options.cwd, NO_PROXY: '127.0.0.1,localhost', ...options.env };
  // Mutation testing runs the stories in this process on src/ (see e2e-world.ts); a foreign entry still spawns.
  if (process.env.GOS_E2E_IN_PROCESS === '1' && (options.entry ?? CLI_ENTRY) === CLI_ENTRY) return runCliInProcess(args, options.cwd, env);
  const child = spawn(process.execPath, [options.entry ?? CLI_ENTRY, ...args], {
    cwd: options.cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number>((done) => child.on('close', (c) => done(c ?? -1)));
  return { code, stdout, stderr };
}

async function runCliInProcess(args: readonly string[], cwd: string, env: Record<string, string>): Promise<CliRun> {
  const { runCli: run } = await import('../../src/cli.js');
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    env,
    cwd,
    stdout: (text) => (stdout += `${text}\n`),
    stderr: (text) => (stderr += `${text}\n`),
    colour: false,
  });
  return { code, stdout, stderr };
}
