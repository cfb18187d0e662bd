// The YAML parser's own errors, worded for people and trimmed so one broken line is one problem, not a cascade.
import type { YAMLError } from 'yaml';
import type { Problem } from '../core/types.js';
import { positionAtOffset, type FileContext } from './yaml-nodes.js';

/** More syntax errors than this in one file are summarised: past the first few, each is an echo of an earlier one. */
export const MAX_SYNTAX_ERRORS_PER_FILE = 10;

/** Syntax errors after which the document's structure cannot be trusted; duplicate keys leave it readable. */
export function isFatal(error: YAMLError): boolean {
  return error.code !== 'DUPLICATE_KEY';
}

/** One problem per line with errors (the first error of that line), at most MAX_SYNTAX_ERRORS_PER_FILE and a summary. */
export function toSyntaxProblems(ctx: FileContext, text: string, errors: readonly YAMLError[]): Problem[] {
  const exhausted = errors.find((error) => error.code === 'RESOURCE_EXHAUSTION');
  if (exhausted !== undefined) {
    // The errors that follow are all consequences of the one structure that is too deep to read.
    return [
      {
        ...positionAtOffset(ctx, exhausted.pos[0]),
        message: 'The file nests too deeply to be read; a definition is only a few levels deep.',
      },
    ];
  }
  const problems: Problem[] = [];
  const lines = new Set<number>();
  for (const error of errors) {
    const deeper = NESTED_TOO_FAR.has(error.code) ? findMoreIndentedLine(text, error.pos[0]) : undefined;
    const position = positionAtOffset(ctx, deeper?.offset ?? error.pos[0]);
    if (lines.has(position.line)) continue;
    lines.add(position.line);
    problems.push({ ...position, message: deeper?.message ?? describeSyntaxError(error, text) });
  }
  if (problems.length <= MAX_SYNTAX_ERRORS_PER_FILE) return problems;
  const shown = problems.slice(0, MAX_SYNTAX_ERRORS_PER_FILE);
  const last = shown[shown.length - 1];
  return [
    ...shown,
    {
      file: ctx.file,
      line: last?.line ?? 1,
      column: last?.column ?? 1,
      message: `${problems.length - MAX_SYNTAX_ERRORS_PER_FILE} more YAML syntax errors follow; fix the ones above first.`,
    },
  ];
}

/** The parser reports these on the line before the one that is indented too far. */
const NESTED_TOO_FAR = new Set(['BLOCK_AS_IMPLICIT_KEY', 'MULTILINE_IMPLICIT_KEY']);

/**
 * The line after the error's that is indented further than it, where the mistake is (`division:` under `- role: x`
 * with one space too many), and a message that says so; undefined when there is none.
 */
function findMoreIndentedLine(text: string, offset: number): { offset: number; message: string } | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const here = /^[ -]*/.exec(text.slice(lineStart))?.[0].length ?? 0;
  let next = text.indexOf('\n', offset);
  while (next >= 0) {
    const start = next + 1;
    const line = text.slice(start, text.indexOf('\n', start) < 0 ? undefined : text.indexOf('\n', start));
    const indent = /^ */.exec(line)?.[0].length ?? 0;
    if (line.trim() !== '' && !line.trimStart().startsWith('#')) {
      if (indent <= here) return undefined;
      const key = /^([^:#\s][^:#]*):/.exec(line.slice(indent))?.[1]?.trim();
      const what = key !== undefined && key.length <= 40 ? `\`${key}\`` : 'This line';
      return {
        offset: start + indent,
        message: `${what} is indented further than the key above it; keys of one mapping start at the same column.`,
      };
    }
    next = text.indexOf('\n', start);
  }
  return undefined;
}

function describeSyntaxError(error: YAMLError, text: string): string {
  switch (error.code) {
    case 'DUPLICATE_KEY': {
      // The error marks the key's first character; the key runs to its `:` (or closing quote).
      const key = /^("[^"\n]*"|'[^'\n]*'|[^:\n]*)/.exec(text.slice(error.pos[0]))?.[1]?.trim() ?? '';
      const shown = key === '' || key.length > 40 || key.includes('\n') ? 'This key' : `The key \`${key}\``;
      return `${shown} appears more than once in this mapping; keep one.`;
    }
    case 'BAD_ALIAS':
      // `division: *` reads as an alias with no name; the user meant the text `*` (all divisions).
      if (/^\*\s*(?:#.*)?$/m.test(text.slice(error.pos[0]).split('\n')[0] ?? ''))
        return 'A bare `*` starts a YAML alias; write `"*"` (in quotes) for all divisions.';
      return `YAML syntax error: ${error.message.split('\n')[0]?.trim() ?? 'bad alias'}.`;
    case 'MULTIPLE_DOCS':
      return 'The file holds several YAML documents (`---`); put one client per file, or list them under `clients:`.';
    default: {
      // The parser's wording is precise; it only lacks a full stop and a word saying what kind of error this is.
      const message = error.message.split('\n')[0]?.trim() ?? 'invalid YAML';
      return `YAML syntax error: ${message}${/[.!?]$/.test(message) ? '' : '.'}`;
    }
  }
}
