// The README's "Try it locally" section, followed command by command as a new user would, from starting the emulator
// to seeing the drift worded as the drift issue words it.
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/** The shell lines of the section's code block, with `\` continuations joined and comments dropped. */
function readCommands(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.split('\n## Try it locally\n')[1]?.split('\n## ')[0] ?? '';
  const block = /```sh\n([\s\S]*?)\n```/.exec(section)?.[1] ?? '';
  return block
    .replace(/\\\n\s*/g, '')
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** Splits a command line into words as a POSIX shell would for these simple lines (double quotes, no expansion). */
function words(line: string): string[] {
  return [...line.matchAll(/(?:[^\s"]+|"[^"]*")+/g)].map((match) => match[0].replace(/"/g, ''));
}

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], cwd: string, env: Record<string, string>): Promise<Ran> {
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done) => child.on('close', (code) => done({ code: code ?? -1, stdout, stderr })));
}

const TSX = join(ROOT, 'node_modules/.bin/tsx');
let emulator: ChildProcess | undefined;
const workspace = mkdtempSync(join(tmpdir(), 'gos-try-locally-'));

afterAll(() => {
  emulator?.kill('SIGTERM');
  rmSync(workspace, { recursive: true, force: true });
});

describe('README: Try it locally', () => {
  it('works command by command, from starting the emulator to the drift the check reports', async () => {
    const commands = readCommands();
    expect(commands[0]).toBe('npm ci');
    // A clone of the repository, as the user has; `npm ci` already ran for the test suite itself.
    cpSync(join(ROOT, 'examples'), join(workspace, 'examples'), { recursive: true });
    const env: Record<string, string> = {};
    const outputs: Ran[] = [];
    for (const line of commands.slice(1)) {
      for (const part of line.split(' && ')) {
        const [tool, ...args] = words(part);
        if (tool === 'export') {
          for (const assignment of args) {
            const [key = '', ...value] = assignment.split('=');
            env[key] = value.join('=');
          }
          // The emulator listens where it said it does; the test gave it a free port.
          env.GENESYSCLOUD_API_URL = emulatorUrl;
          continue;
        }
        if (tool === 'npm' && args[0] === 'run') {
          // `npm run <script> -- <args>`: the script as package.json defines it, run with tsx from the clone.
          const script = npmScript(args[1] ?? '');
          const scriptArgs = args.slice(args[2] === '--' ? 3 : 2);
          if (args[1] === 'emulator') emulatorUrl = await startEmulator(script, scriptArgs, workspace);
          else {
            const ran = await run(TSX, [...script, ...scriptArgs], workspace, env);
            outputs.push(ran);
            expect(ran.code, `${part}\n${ran.stdout}${ran.stderr}`).toBe(0);
          }
          continue;
        }
        expect(tool, `unexpected command in the README: ${part}`).toBe('npx');
        expect(args[0]).toBe('genesys-oauth-sync');
        const ran = await run(process.execPath, [join(ROOT, 'bin/genesys-oauth-sync.js'), ...args.slice(1)], workspace, env);
        outputs.push(ran);
        expect(ran.code, `${part}\n${ran.stdout}${ran.stderr}`).toBeLessThan(2);
      }
    }
    const all = outputs.map((o) => o.stdout).join('\n');
    expect(all).toContain('+ create ci-deployer');
    expect(all).toMatch(/Drift in .*: 1 changed/);
    expect(all).toContain(
      '`description`: repository says `"Deploys Architect flows and routing configuration from CI."`, org has `"widened for the release"`',
    );
    expect(all).toContain('`access_token_validity_seconds`: repository says `3600 (1 h)`, org has `7200 (2 h)`');
  }, 60_000);
});

let emulatorUrl = '';

/** A package.json script `tsx <file>` as the arguments of tsx, with the file's path in the clone. */
function npmScript(name: string): string[] {
  const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const [tool, file, ...rest] = (scripts[name] ?? '').split(' ');
  expect(tool, `npm run ${name} is a tsx script`).toBe('tsx');
  return [join(ROOT, file ?? ''), ...rest];
}

/** `npm run emulator -- …` with PORT=0: waits until it prints where it listens. */
async function startEmulator(script: string[], args: string[], cwd: string): Promise<string> {
  emulator = spawn(TSX, [...script, ...args], {
    cwd,
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  return new Promise((resolveUrl, reject) => {
    emulator?.stdout?.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(printed)?.[1];
      if (url && printed.includes('Press Ctrl+C')) resolveUrl(url);
    });
    emulator?.on('exit', (code) => reject(new Error(`the emulator exited (${code}): ${printed}`)));
  });
}
