import { promises as fsPromises } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_DEFINITION_FILE_BYTES, readDefinitionFiles } from '../../src/definitions/read-files.js';

let sandbox: string;
let workspace: string;

beforeEach(async () => {
  sandbox = await mkdtemp(join(tmpdir(), 'definitions-read-'));
  workspace = join(sandbox, 'repo');
  await mkdir(join(workspace, 'defs'), { recursive: true });
});

afterEach(async () => {
  vi.restoreAllMocks();
  syncBuiltinESMExports();
  await rm(sandbox, { recursive: true, force: true });
});

/** Makes one fs/promises call fail for paths ending in `suffix` (root reads any file, so permissions cannot do it). */
function failFor(call: 'readFile' | 'readdir', suffix: string, error: unknown): void {
  const original = fsPromises[call] as (...args: unknown[]) => Promise<unknown>;
  vi.spyOn(fsPromises, call).mockImplementation(((path: unknown, ...rest: unknown[]) =>
    String(path).endsWith(suffix) ? Promise.reject(error) : original(path, ...rest)) as never);
  syncBuiltinESMExports();
}

async function put(relativePath: string, content: string | Uint8Array, root = workspace): Promise<string> {
  const path = join(root, relativePath);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, content);
  return path;
}

describe('readDefinitionFiles', () => {
  it('reads *.yaml, *.yml and *.json recursively, sorted by path, relative to the workspace', async () => {
    await put('defs/b.yaml', 'b');
    await put('defs/a/z.json', 'z');
    await put('defs/a/y.YML', 'y');
    await put('defs/README.md', 'not a definition');
    await put('defs/notes.yaml.bak', 'not a definition');
    await put('other/outside-path.yaml', 'not under path');
    const { sources, problems } = await readDefinitionFiles(workspace, 'defs');
    expect(problems).toEqual([]);
    expect(sources).toEqual([
      { file: 'defs/a/y.YML', text: 'y' },
      { file: 'defs/a/z.json', text: 'z' },
      { file: 'defs/b.yaml', text: 'b' },
    ]);
  });

  it('skips the editor schema that export writes beside the definitions', async () => {
    await put('defs/oauth-clients.schema.json', '{"$schema": "http://json-schema.org/draft-07/schema#"}');
    await put('defs/app.json', '{}');
    const { sources } = await readDefinitionFiles(workspace, 'defs');
    expect(sources.map((s) => s.file)).toEqual(['defs/app.json']);
  });

  it('accepts a nested path and the workspace itself', async () => {
    await put('defs/org/a.yaml', 'a');
    expect((await readDefinitionFiles(workspace, 'defs/org')).sources.map((source) => source.file)).toEqual(['defs/org/a.yaml']);
    expect((await readDefinitionFiles(workspace, '.')).sources.map((source) => source.file)).toEqual(['defs/org/a.yaml']);
  });

  it('strips a UTF-8 byte order mark', async () => {
    await put('defs/bom.yaml', new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('name: x')]));
    expect((await readDefinitionFiles(workspace, 'defs')).sources).toEqual([{ file: 'defs/bom.yaml', text: 'name: x' }]);
  });

  it.each([
    { case: 'a path that does not exist', path: 'nope', message: 'The `path` input `nope` does not exist in the repository' },
    {
      case: 'a path that escapes the workspace',
      path: '../elsewhere',
      message: 'The `path` input `../elsewhere` points outside the repository',
    },
    { case: 'an absolute path outside the workspace', path: '/etc', message: 'The `path` input `/etc` points outside the repository' },
  ])('reports $case as a problem instead of throwing', async ({ path, message }) => {
    const { sources, problems } = await readDefinitionFiles(workspace, path);
    expect(sources).toEqual([]);
    expect(problems).toEqual([{ message: expect.stringContaining(message) }]);
  });

  it('reports a workspace that does not exist, as when the checkout step is missing', async () => {
    expect((await readDefinitionFiles(join(sandbox, 'no-checkout'), 'defs')).problems).toEqual([
      { message: expect.stringContaining('run `actions/checkout` before this step') },
    ]);
  });

  it('reports a path that is a file, not a folder', async () => {
    await put('defs.yaml', 'x');
    expect((await readDefinitionFiles(workspace, 'defs.yaml')).problems).toEqual([{ message: expect.stringContaining('is not a folder') }]);
  });

  it('reports a path that is a symlink to a folder outside the workspace', async () => {
    await mkdir(join(sandbox, 'secrets'));
    await symlink(join(sandbox, 'secrets'), join(workspace, 'linked'));
    expect((await readDefinitionFiles(workspace, 'linked')).problems).toEqual([
      { message: expect.stringContaining('is a symlink to a folder outside the repository') },
    ]);
  });

  it('refuses a symlinked file that resolves outside the workspace, and reads the rest', async () => {
    const outside = await put('stolen.yaml', 'secret: true', sandbox);
    await symlink(outside, join(workspace, 'defs/link.yaml'));
    await put('defs/ok.yaml', 'ok');
    const { sources, problems } = await readDefinitionFiles(workspace, 'defs');
    expect(sources.map((source) => source.file)).toEqual(['defs/ok.yaml']);
    expect(problems).toEqual([{ file: 'defs/link.yaml', message: expect.stringContaining('points outside the repository') }]);
    expect(JSON.stringify(problems)).not.toContain('secret: true');
  });

  it('refuses a symlinked folder that resolves outside the workspace', async () => {
    await put('elsewhere/x.yaml', 'x', sandbox);
    await symlink(join(sandbox, 'elsewhere'), join(workspace, 'defs/shared'));
    const { sources, problems } = await readDefinitionFiles(workspace, 'defs');
    expect(sources).toEqual([]);
    expect(problems).toEqual([{ file: 'defs/shared', message: expect.stringContaining('points outside the repository') }]);
  });

  it('follows symlinks inside the workspace, and reads a folder that links back to its parent only once', async () => {
    await put('shared/common.yaml', 'common');
    await symlink(join(workspace, 'shared/common.yaml'), join(workspace, 'defs/common.yaml'));
    await symlink(join(workspace, 'defs'), join(workspace, 'defs/loop'));
    const { sources, problems } = await readDefinitionFiles(workspace, 'defs');
    expect(problems).toEqual([]);
    expect(sources).toEqual([{ file: 'defs/common.yaml', text: 'common' }]);
  });

  it('reports a broken symlink that looks like a definition', async () => {
    await symlink(join(workspace, 'gone.yaml'), join(workspace, 'defs/dangling.yaml'));
    expect((await readDefinitionFiles(workspace, 'defs')).problems).toEqual([
      { file: 'defs/dangling.yaml', message: expect.stringContaining('points to nothing') },
    ]);
  });

  it('refuses a file over 1 MiB without reading it, and accepts one of exactly 1 MiB', async () => {
    await put('defs/huge.yaml', Buffer.alloc(MAX_DEFINITION_FILE_BYTES + 1, 0x61));
    await put('defs/limit.yaml', Buffer.alloc(MAX_DEFINITION_FILE_BYTES, 0x61));
    const { sources, problems } = await readDefinitionFiles(workspace, 'defs');
    expect(sources.map((source) => source.file)).toEqual(['defs/limit.yaml']);
    expect(problems).toEqual([{ file: 'defs/huge.yaml', message: expect.stringContaining('over the 1 MiB limit') }]);
  });

  it.each([
    { case: 'a lone continuation byte', bytes: [0x80], line: 3, column: 5 },
    { case: 'a Latin-1 é', bytes: [0xe9, 0x74, 0xe9], line: 3, column: 5 },
    { case: 'an overlong encoding', bytes: [0xc0, 0xaf], line: 3, column: 5 },
    { case: 'an encoded surrogate', bytes: [0xed, 0xa0, 0x80], line: 3, column: 5 },
    { case: 'a truncated sequence at the end', bytes: [0xe2, 0x82], line: 3, column: 5 },
  ])('reports $case at the line and column of the bad byte', async ({ bytes, line, column }) => {
    const prefix = Buffer.from('name: x\ndescription: é\n  - ');
    await put('defs/latin1.yaml', Buffer.concat([prefix, Buffer.from(bytes)]));
    const { sources, problems } = await readDefinitionFiles(workspace, 'defs');
    expect(sources).toEqual([]);
    expect(problems).toEqual([{ file: 'defs/latin1.yaml', line, column, message: 'The file is not valid UTF-8; save it as UTF-8.' }]);
  });

  it('keeps reading after a bad file, so every problem is reported at once', async () => {
    await put('defs/a.yaml', Buffer.from([0xff]));
    await put('defs/b.yaml', Buffer.alloc(MAX_DEFINITION_FILE_BYTES + 1));
    await put('defs/c.yaml', 'fine');
    const { sources, problems } = await readDefinitionFiles(workspace, 'defs');
    expect(sources.map((source) => source.file)).toEqual(['defs/c.yaml']);
    expect(problems.map((problem) => problem.file)).toEqual(['defs/a.yaml', 'defs/b.yaml']);
  });

  it('never puts an absolute runner path in a problem', async () => {
    await symlink(join(sandbox, 'nowhere.yaml'), join(workspace, 'defs/dangling.yaml'));
    await put('defs/huge.yaml', Buffer.alloc(MAX_DEFINITION_FILE_BYTES + 1));
    const { problems } = await readDefinitionFiles(workspace, 'defs');
    expect(problems).toHaveLength(2);
    expect(JSON.stringify(problems)).not.toContain(sandbox);
  });

  it('reads files in path order, a file before a folder of the same name', async () => {
    await put('defs/a/x.yaml', 'in a');
    await put('defs/a.yaml', 'a');
    await put('defs/a-b.yaml', 'a-b');
    const { sources } = await readDefinitionFiles(workspace, 'defs');
    expect(sources.map((source) => source.file)).toEqual(['defs/a-b.yaml', 'defs/a.yaml', 'defs/a/x.yaml']);
  });

  it('keeps a first character that only starts like a byte order mark', async () => {
    await put('defs/wide.yaml', 'Ａ: x');
    expect((await readDefinitionFiles(workspace, 'defs')).sources).toEqual([{ file: 'defs/wide.yaml', text: 'Ａ: x' }]);
  });

  it('ignores symlinks that do not look like definitions, broken, outside or inside the repository', async () => {
    await put('notes.txt', 'not a definition', sandbox);
    await put('README.md', 'not a definition');
    await symlink(join(workspace, 'gone.txt'), join(workspace, 'defs/dangling.txt'));
    await symlink(join(sandbox, 'notes.txt'), join(workspace, 'defs/outside.txt'));
    await symlink(join(workspace, 'README.md'), join(workspace, 'defs/readme.md'));
    await put('defs/ok.yaml', 'ok');
    expect(await readDefinitionFiles(workspace, 'defs')).toEqual({ sources: [{ file: 'defs/ok.yaml', text: 'ok' }], problems: [] });
  });

  it('names the file that is over the size limit, and why it is refused', async () => {
    await put('defs/huge.yaml', Buffer.alloc(MAX_DEFINITION_FILE_BYTES + 1, 0x61));
    expect(await readDefinitionFiles(workspace, 'defs')).toEqual({
      sources: [],
      problems: [
        {
          file: 'defs/huge.yaml',
          message:
            'The file is 1048577 bytes, over the 1 MiB limit for a definition file; ' +
            'a definition is a few hundred bytes, so this is not one.',
        },
      ],
    });
  });

  it.each([
    { case: 'an error code', error: Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }), says: 'EACCES' },
    { case: 'no error code', error: new Error('odd'), says: 'unknown error' },
    { case: 'a thrown string', error: 'odd', says: 'unknown error' },
    { case: 'a thrown null', error: null, says: 'unknown error' },
  ])('reports a file that cannot be read with $case, and reads the rest', async ({ error, says }) => {
    await put('defs/locked.yaml', 'x');
    await put('defs/ok.yaml', 'ok');
    failFor('readFile', 'locked.yaml', error);
    expect(await readDefinitionFiles(workspace, 'defs')).toEqual({
      sources: [{ file: 'defs/ok.yaml', text: 'ok' }],
      problems: [{ file: 'defs/locked.yaml', message: `The file could not be read (${says}).` }],
    });
  });

  it('reports a folder that cannot be read, and reads the rest', async () => {
    await put('defs/locked/x.yaml', 'x');
    await put('defs/ok.yaml', 'ok');
    failFor('readdir', `${join('defs', 'locked')}`, Object.assign(new Error('EACCES'), { code: 'EACCES' }));
    expect(await readDefinitionFiles(workspace, 'defs')).toEqual({
      sources: [{ file: 'defs/ok.yaml', text: 'ok' }],
      problems: [{ file: 'defs/locked', message: 'The folder could not be read (EACCES).' }],
    });
  });
});

describe('readDefinitionFiles: what each path mistake says, to the Action and to the CLI', () => {
  it.each([
    {
      case: 'a missing workspace',
      setUp: async () => join(sandbox, 'no-checkout'),
      path: 'defs',
      input: 'The workspace `<workspace>` does not exist; run `actions/checkout` before this step.',
      flag: 'The workspace `<workspace>` does not exist; run from the repository root or pass `--workspace`.',
    },
    {
      case: 'the parent of the workspace',
      path: '..',
      input: 'The `path` input `..` points outside the repository; give a folder inside it.',
      flag: '`--path ..` points outside the repository; give a folder inside it.',
    },
    {
      case: 'a path that does not exist',
      path: 'nope',
      input: 'The `path` input `nope` does not exist in the repository; create the folder or set `path` with where the definitions are.',
      flag: '`--path nope` does not exist in the repository; create the folder or pass `--path` with where the definitions are.',
    },
    {
      case: 'a file',
      setUp: async () => {
        await put('defs.yaml', 'x');
        return workspace;
      },
      path: 'defs.yaml',
      input: 'The `path` input `defs.yaml` is not a folder; set `path` with the folder that holds the definitions.',
      flag: '`--path defs.yaml` is not a folder; pass `--path` with the folder that holds the definitions.',
    },
    {
      case: 'a symlink to a folder outside',
      setUp: async () => {
        await mkdir(join(sandbox, 'secrets'));
        await symlink(join(sandbox, 'secrets'), join(workspace, 'linked'));
        return workspace;
      },
      path: 'linked',
      input: 'The `path` input `linked` is a symlink to a folder outside the repository.',
      flag: '`--path linked` is a symlink to a folder outside the repository.',
    },
  ])('says $case in the words of the input and of the flag', async ({ setUp, path, input, flag }) => {
    const root = setUp === undefined ? workspace : await setUp();
    const expected = (message: string) => ({ sources: [], problems: [{ message: message.replace('<workspace>', root) }] });
    expect(await readDefinitionFiles(root, path)).toEqual(expected(input));
    expect(await readDefinitionFiles(root, path, 'input')).toEqual(expected(input));
    expect(await readDefinitionFiles(root, path, 'flag')).toEqual(expected(flag));
  });
});
