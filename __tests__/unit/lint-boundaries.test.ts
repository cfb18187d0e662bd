// The STYLE.md boundaries are Biome rules, and `npm test` runs Biome: each probe below breaks one boundary in a copy of
// the tree's layout, linted with the project's own biome.json, and must fail with a message that names the rule.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const BIOME = join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'biome.cmd' : 'biome');
let sandbox: string;

beforeAll(() => {
  sandbox = mkdtempSync(join(tmpdir(), 'lint-boundaries-'));
  const config = JSON.parse(readFileSync(join(ROOT, 'biome.json'), 'utf8')) as Record<string, unknown>;
  // The sandbox is not a git checkout; everything else is the project's configuration as it is.
  delete config.$schema;
  config.vcs = { enabled: false };
  writeFileSync(join(sandbox, 'biome.json'), JSON.stringify(config));
});

afterAll(() => rmSync(sandbox, { recursive: true, force: true }));

function lint(file: string, source: string): { code: number | null; output: string } {
  const path = join(sandbox, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, source);
  const run = spawnSync(BIOME, ['lint', '--colors=off', file], { cwd: sandbox, encoding: 'utf8' });
  rmSync(path);
  return { code: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('Biome enforces the boundaries of STYLE.md', () => {
  it.each([
    ['core/ importing genesys/', 'src/core/probe.ts', "import { GenesysApiError } from '../genesys/api-error.js';", 'boundary: core/'],
    ['core/ reading files', 'src/core/probe.ts', "import { readFileSync } from 'node:fs';", 'boundary: core/'],
    ['report/ importing github/', 'src/report/probe.ts', "import { GitHubError } from '../github/errors.js';", 'boundary: report/'],
    ['genesys/ importing @actions/core', 'src/genesys/probe.ts', "import * as core from '@actions/core';", 'boundary: genesys/'],
    ['github/ importing the SDK', 'src/github/probe.ts', "import platformClient from 'purecloud-platform-client-v2';", 'boundary: github/'],
    ['action/ importing Octokit', 'src/action/probe.ts', "import { Octokit } from '@octokit/rest';", 'boundary: only genesys/'],
    ['modes/ importing @actions/core', 'src/modes/probe.ts', "import * as core from '@actions/core';", 'boundary: only genesys/'],
  ])('fails on %s, naming the rule', (_what, file, importLine, message) => {
    const { code, output } = lint(
      file,
      `${importLine}\n\nexport const probe = [${importLine.split(' ')[1]?.replace(/[{}*]/g, '') ?? ''}];\n`,
    );
    expect(code, output).not.toBe(0);
    expect(output).toContain('lint/style/noRestrictedImports');
    expect(output).toContain(message);
  });

  it('fails on a non-null assertion in src/, naming the rule', () => {
    const { code, output } = lint('src/modes/probe.ts', "export const first = (m: Map<string, string>): string => m.get('a')!;\n");
    expect(code, output).not.toBe(0);
    expect(output).toContain('lint/style/noNonNullAssertion');
  });

  it('accepts the imports the boundaries allow', () => {
    expect(lint('src/core/probe.ts', "import { sortedUnique } from './plain-data.js';\n\nexport const probe = sortedUnique;\n").code).toBe(
      0,
    );
    expect(
      lint('src/report/probe.ts', "import { sortedUnique } from '../core/plain-data.js';\n\nexport const probe = sortedUnique;\n").code,
    ).toBe(0);
    expect(lint('src/github/probe.ts', "import { Octokit } from '@octokit/rest';\n\nexport const probe = Octokit;\n").code).toBe(0);
  });
});
