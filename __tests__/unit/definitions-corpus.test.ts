import fc from 'fast-check';
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { Problem } from '../../src/core/types.js';
import { CLIENT_KEYS, ROLE_KEYS } from '../../src/definitions/definition-keys.js';
import { parseDefinitions, UNREADABLE_MESSAGE } from '../../src/definitions/parse.js';
import { MAX_DEFINITION_FILE_BYTES, readDefinitionFiles } from '../../src/definitions/read-files.js';

const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../__fixtures__/definitions');
const INVALID = join(FIXTURES, 'invalid');
const VALID = join(FIXTURES, 'valid');

async function check(workspace: string, env: Record<string, string> = {}) {
  const read = await readDefinitionFiles(workspace, '.');
  const parsed = parseDefinitions(read.sources, env);
  return { ...parsed, problems: [...read.problems, ...parsed.problems] };
}

function located(problem: Problem): string {
  return `${problem.file}:${problem.line}:${problem.column}`;
}

async function expectedProblems(): Promise<string[]> {
  return JSON.parse(await readFile(join(INVALID, 'EXPECTED.json'), 'utf8')) as string[];
}

describe('the invalid corpus', () => {
  let workspace: string;

  beforeEach(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'definitions-corpus-'));
    await cp(INVALID, join(workspace, 'repo'), { recursive: true });
  });

  afterEach(async () => {
    await rm(workspace, { recursive: true, force: true });
  });

  it('yields exactly the problems listed in EXPECTED.json, one per mistake, each at its file:line:column', async () => {
    const { problems } = await check(INVALID);
    expect(problems.map(located).sort()).toEqual((await expectedProblems()).sort());
    for (const problem of problems) expect(problem.message).toMatch(/^[`A-Z].*[.?]$/s);
  });

  it('names the file of every problem relative to the workspace, as GitHub annotations need', async () => {
    const { problems } = await check(INVALID);
    for (const problem of problems) {
      expect(problem.file).toMatch(/^[a-z-]+\.(yaml|json)$|^EXPECTED\.json$/);
      expect(problem.line).toBeGreaterThanOrEqual(1);
      expect(problem.column).toBeGreaterThanOrEqual(1);
    }
  });

  it('adds one problem for each bad file made at test time: huge, not UTF-8, and a symlink out of the workspace', async () => {
    const repo = join(workspace, 'repo');
    await writeFile(join(repo, 'huge.yaml'), `description: ${'x'.repeat(MAX_DEFINITION_FILE_BYTES)}\n`);
    await writeFile(join(repo, 'latin1.yaml'), Buffer.concat([Buffer.from('name: caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    await writeFile(join(workspace, 'outside.yaml'), 'name: outside\n');
    await symlink(join(workspace, 'outside.yaml'), join(repo, 'outside-link.yaml'));

    const { problems } = await check(repo);
    const generated = problems.filter((problem) => ['huge.yaml', 'latin1.yaml', 'outside-link.yaml'].includes(problem.file ?? ''));
    expect(generated.map((problem) => `${problem.file}:${problem.line ?? '-'}:${problem.column ?? '-'}`)).toEqual([
      'huge.yaml:-:-',
      'latin1.yaml:1:10',
      'outside-link.yaml:-:-',
    ]);
    expect(problems).toHaveLength((await expectedProblems()).length + 3);
  });

  it('reports a deeply nested file made at test time as one problem', async () => {
    const repo = join(workspace, 'repo');
    await writeFile(join(repo, 'abyss.yaml'), `name: abyss\nscopes: ${'['.repeat(200_000)}\n`);
    const { problems } = await check(repo);
    expect(problems.filter((problem) => problem.file === 'abyss.yaml')).toEqual([
      expect.objectContaining({ line: 2, message: expect.stringContaining('nests too deeply') }),
    ]);
  });
});

describe('the valid corpus', () => {
  it('parses without a problem, with the warnings it is meant to have', async () => {
    const { problems, warnings, definitions } = await check(VALID, { FIXTURE_BASE_URL: 'https://fixture.example.com' });
    expect(problems).toEqual([]);
    expect(warnings.map(located)).toEqual(['nested/deeper/scim.yml:4:32', 'nested/empty.yaml:1:1', 'with-bom.yaml:3:24']);
    expect(warnings[2]?.message).toContain('TOKEN (implicit) is on its way out');
    expect(definitions.map((definition) => definition.name)).toEqual([
      'nightly-export',
      'hourly-export',
      'legacy-saml',
      'scim-provisioning',
      'password-client',
      'web-app',
      'with-bom',
    ]);
  });

  it('resolves variables, escapes, aliases and the legacy grant spelling', async () => {
    const { definitions } = await check(VALID, { FIXTURE_BASE_URL: 'https://fixture.example.com' });
    const byName = new Map(definitions.map((definition) => [definition.name, definition]));
    expect(byName.get('web-app')).toMatchObject({
      description: 'Customer portal.\nThe literal ${NOT_A_VARIABLE} stays as written.\n',
      registered_redirect_uris: ['https://fixture.example.com/callback', 'https://app.example.com/callback'],
      scopes: ['conversations', 'users:readonly', 'conversations'],
      state: 'inactive',
      id: '0b6f2a9e-1c3d-4e5f-8a7b-9c0d1e2f3a4b',
      directory_client_secret: '.secrets/oauth',
      integration_credential_name: 'web-app credential',
    });
    expect(byName.get('hourly-export')?.roles.map(({ position: _position, ...grant }) => grant)).toEqual([
      { role: 'Reporting Viewer', division: '*' },
      { role_id: '5a1b2c3d-0000-4000-8000-000000000001', division_id: '9f8e7d6c-0000-4000-8000-000000000002' },
    ]);
    expect(byName.get('legacy-saml')?.authorized_grant_type).toBe('SAML2-BEARER');
    expect(byName.get('with-bom')?.source).toEqual({ file: 'with-bom.yaml', line: 2, column: 1 });
  });
});

describe('parseDefinitions never throws, and always answers in the shape the report needs', () => {
  // A definition or a problem for every input: never the safety net, every problem placed in a file the run read,
  // worded as a sentence, and every definition named, typed and placed.
  const noSafetyNet = (parsed: ReturnType<typeof parseDefinitions>, files: readonly string[] = ['a.yaml', 'a.json', 'b.json']): void => {
    expect(parsed.problems.map((problem) => problem.message)).not.toContain(UNREADABLE_MESSAGE);
    for (const problem of [...parsed.problems, ...parsed.warnings]) {
      expect(files).toContain(problem.file);
      expect(problem.line).toBeGreaterThanOrEqual(1);
      expect(problem.column).toBeGreaterThanOrEqual(1);
      expect(problem.message).toMatch(/^[`A-Z].*[.!?]$/s);
    }
    for (const definition of parsed.definitions) {
      expect(definition.name.trim()).not.toBe('');
      expect(['CODE', 'TOKEN', 'SAML2-BEARER', 'PASSWORD', 'CLIENT-CREDENTIALS']).toContain(definition.authorized_grant_type);
      expect(files).toContain(definition.source.file);
    }
  };

  it('for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.constantFrom('a.yaml', 'a.json'), (text, file) => {
        noSafetyNet(parseDefinitions([{ file, text }], {}));
      }),
      { numRuns: 500 },
    );
  });

  it('for text built from YAML punctuation', () => {
    const unit = fc.constantFrom(
      '[',
      ']',
      '{',
      '}',
      '-',
      ':',
      ' ',
      '\n',
      '  ',
      '&a',
      '*a',
      '!',
      '?',
      '"',
      "'",
      '#',
      '|',
      '>',
      'x',
      '---',
      '<<',
      '${A}',
      '\t',
      ',',
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 120 }), (text) => {
        noSafetyNet(parseDefinitions([{ file: 'a.yaml', text }], { A: 'v' }));
      }),
      { numRuns: 1000 },
    );
  });

  it('for any data written as YAML or JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        noSafetyNet(
          parseDefinitions(
            [
              { file: 'a.yaml', text: stringify(value) },
              { file: 'b.json', text: JSON.stringify(value) },
            ],
            {},
          ),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('for clients whose known keys hold arbitrary values', () => {
    const anyValue = fc.oneof(fc.jsonValue(), fc.constantFrom('${MISSING}', '$${', 'SAML2BEARER', 'CLIENT-CREDENTIALS', 300, 38_880_001));
    const role = fc.dictionary(fc.constantFrom(...ROLE_KEYS, 'x'), anyValue);
    const client = fc.dictionary(
      fc.constantFrom(...CLIENT_KEYS, 'clients', '$schema'),
      fc.oneof(anyValue, fc.array(role, { maxLength: 3 })),
    );
    fc.assert(
      fc.property(fc.oneof(client, fc.record({ clients: fc.array(client, { maxLength: 4 }) })), (value) => {
        noSafetyNet(parseDefinitions([{ file: 'a.yaml', text: stringify(value) }], {}));
      }),
      { numRuns: 500 },
    );
  });
});
