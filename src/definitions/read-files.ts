// The only file reads of definitions/: the `path` folder, recursively, kept inside the workspace.
import type { Dirent } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Problem } from '../core/types.js';
import { mapConcurrently } from '../core/bounded.js';
import { findInvalidUtf8 } from './utf8.js';

export interface DefinitionSource {
  /** Relative to the workspace, with `/` separators, as GitHub shows it on a diff. */
  file: string;
  text: string;
}

/** How the user gave the path: the Action's `path` input or the CLI's `--path` flag. */
export type PathOption = 'input' | 'flag';

export interface ReadDefinitions {
  sources: DefinitionSource[];
  problems: Problem[];
}

/** Definition files are a few hundred bytes; anything this big is a mistake, not a client. */
export const MAX_DEFINITION_FILE_BYTES = 1024 * 1024;
// `*.schema.json` is the editor schema that `export` writes beside the files, not a client.
const DEFINITION_FILE = /^(?!.*\.schema\.json$).*\.(ya?ml|json)$/i;
const UTF8_BOM = [0xef, 0xbb, 0xbf];
/** One read after another waits a thread-pool round trip each: 5,000 files took 1.5 s, a few at a time a fifth of it. */
const READ_CONCURRENCY = 32;

interface Walk {
  workspace: string;
  files: string[];
  problems: Problem[];
  visitedDirectories: Set<string>;
}

/** Reads every `*.yaml`, `*.yml` and `*.json` (but `*.schema.json`) under `path`, sorted; user mistakes become problems, never throws. */
export async function readDefinitionFiles(workspace: string, path: string, option: PathOption = 'input'): Promise<ReadDefinitions> {
  const problems: Problem[] = [];
  const root = await realpathOrUndefined(workspace);
  if (root === undefined) {
    const fix = option === 'flag' ? 'run from the repository root or pass `--workspace`' : 'run `actions/checkout` before this step';
    return { sources: [], problems: [{ message: `The workspace \`${workspace}\` does not exist; ${fix}.` }] };
  }
  // The Action's users set an input, the CLI's pass a flag: each message names the one they can change.
  const given = option === 'flag' ? `\`--path ${path}\`` : `The \`path\` input \`${path}\``;
  const setIt = option === 'flag' ? 'pass `--path`' : 'set `path`';
  const target = resolve(root, path);
  if (!isInside(root, target)) {
    return {
      sources: [],
      problems: [{ message: `${given} points outside the repository; give a folder inside it.` }],
    };
  }
  const targetStat = await stat(target).catch(() => undefined);
  if (targetStat === undefined) {
    const message = `${given} does not exist in the repository; create the folder or ${setIt} with where the definitions are.`;
    return { sources: [], problems: [{ message }] };
  }
  if (!targetStat.isDirectory()) {
    return {
      sources: [],
      problems: [{ message: `${given} is not a folder; ${setIt} with the folder that holds the definitions.` }],
    };
  }
  const realTarget = await realpathOrUndefined(target);
  if (realTarget === undefined || !isInside(root, realTarget)) {
    return { sources: [], problems: [{ message: `${given} is a symlink to a folder outside the repository.` }] };
  }

  const walk: Walk = { workspace: root, files: [], problems, visitedDirectories: new Set([realTarget]) };
  await walkDirectory(walk, target);
  const files = walk.files.sort(comparePaths);
  const read = await mapConcurrently(files, READ_CONCURRENCY, (file) => readSource(walk, file));
  const sources = read.filter((source): source is DefinitionSource => source !== undefined);
  return { sources, problems: walk.problems.sort((a, b) => comparePaths(a.file ?? '', b.file ?? '')) };
}

async function walkDirectory(walk: Walk, directory: string): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(directory, { withFileTypes: true });
  } catch (error) {
    walk.problems.push({ file: toRelative(walk, directory), message: `The folder could not be read (${codeOf(error)}).` });
    return;
  }
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) await walkDirectory(walk, path);
    else if (entry.isFile() && DEFINITION_FILE.test(entry.name)) walk.files.push(path);
    else if (entry.isSymbolicLink()) await followSymlink(walk, path, entry.name);
  }
}

async function followSymlink(walk: Walk, path: string, name: string): Promise<void> {
  const real = await realpathOrUndefined(path);
  const looksLikeDefinition = DEFINITION_FILE.test(name);
  if (real === undefined) {
    if (looksLikeDefinition)
      walk.problems.push({ file: toRelative(walk, path), message: 'This symlink points to nothing; fix or delete it.' });
    return;
  }
  const target = await stat(real).catch(() => undefined);
  if (target === undefined || (!target.isDirectory() && !(target.isFile() && looksLikeDefinition))) return;
  if (!isInside(walk.workspace, real)) {
    walk.problems.push({
      file: toRelative(walk, path),
      message: 'This symlink points outside the repository; definitions must live in the repository, so copy the file in.',
    });
    return;
  }
  if (target.isFile()) {
    walk.files.push(path);
  } else if (!walk.visitedDirectories.has(real)) {
    // A link back to a parent would walk forever; each real folder is read once.
    walk.visitedDirectories.add(real);
    await walkDirectory(walk, path);
  }
}

async function readSource(walk: Walk, path: string): Promise<DefinitionSource | undefined> {
  const file = toRelative(walk, path);
  try {
    const info = await stat(path);
    if (info.size > MAX_DEFINITION_FILE_BYTES) {
      walk.problems.push({
        file,
        message:
          `The file is ${info.size} bytes, over the 1 MiB limit for a definition ` +
          'file; a definition is a few hundred bytes, so this is not one.',
      });
      return undefined;
    }
    const bytes = await readFile(path);
    const body = UTF8_BOM.every((byte, index) => bytes[index] === byte) ? bytes.subarray(UTF8_BOM.length) : bytes;
    try {
      return { file, text: new TextDecoder('utf-8', { fatal: true }).decode(body) };
    } catch {
      const at = findInvalidUtf8(body);
      walk.problems.push({ file, line: at.line, column: at.column, message: 'The file is not valid UTF-8; save it as UTF-8.' });
      return undefined;
    }
  } catch (error) {
    walk.problems.push({ file, message: `The file could not be read (${codeOf(error)}).` });
    return undefined;
  }
}

/** True when `path` is `root` (to which `relative` gives '') or below it (both absolute). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

function toRelative(walk: Walk, path: string): string {
  return relative(walk.workspace, path).split(sep).join('/');
}

async function realpathOrUndefined(path: string): Promise<string | undefined> {
  return realpath(path).catch(() => undefined);
}

/** Plain code-unit order, so the result never depends on the runner's locale. */
function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `ENOENT`, `EACCES`…: the error code alone, since messages of fs errors carry absolute runner paths. */
function codeOf(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
  return code ?? 'unknown error';
}
