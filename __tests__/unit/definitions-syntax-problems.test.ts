// YAML syntax errors as a user reads them: one problem per broken line, worded for people, at the line and column of
// the mistake (src/definitions/syntax-problems.ts, reached through parseDefinitions as the action and the CLI do).
import { describe, expect, it } from 'vitest';
import { parseDefinitions } from '../../src/definitions/parse.js';
import { MAX_SYNTAX_ERRORS_PER_FILE } from '../../src/definitions/syntax-problems.js';

const FILE = 'clients/web.yaml';

/** The problems of one YAML file, each as `line:column message`. */
function problemsOf(text: string): string[] {
  return parseDefinitions([{ file: FILE, text }], {}).problems.map((problem) => `${problem.line}:${problem.column} ${problem.message}`);
}

const FURTHER = 'is indented further than the key above it; keys of one mapping start at the same column.';
const LIST_AS_KEY = 'YAML syntax error: A block sequence may not be used as an implicit map key.';
const BARE_STAR = 'A bare `*` starts a YAML alias; write `"*"` (in quotes) for all divisions.';
const EMPTY_ALIAS = 'YAML syntax error: Alias cannot be an empty string.';
const REPEATED = 'appears more than once in this mapping; keep one.';
const KEY_40 = 'k'.repeat(40);
const KEY_41 = 'k'.repeat(41);

describe('a key indented further than the key above it', () => {
  it.each([
    ['a key under a list item', 'name: x\nroles:\n  - role: admin\n     division: d\n', `4:6 \`division\` ${FURTHER}`],
    ['a key under a one-letter value', 'roles:\n  - role: a\n     division: d\n', `3:6 \`division\` ${FURTHER}`],
    ['a key after a blank line', 'roles:\n  - role: admin\n\n     division: d\n', `4:6 \`division\` ${FURTHER}`],
    ['a key after a line of spaces', 'roles:\n  - role: admin\n   \n     division: d\n', `4:6 \`division\` ${FURTHER}`],
    ['a key on the last line, without a line break', 'roles:\n  - role: admin\n     division: d', `3:6 \`division\` ${FURTHER}`],
    ['a key with no value on the last line', 'roles:\n  - role: admin\n     division:', `3:6 \`division\` ${FURTHER}`],
    ['a key with a space before its colon', 'roles:\n  - role: admin\n     division :  d\n', `3:6 \`division\` ${FURTHER}`],
    ['a quoted key', 'roles:\n  - role: admin\n     "division x": d\n', `3:6 \`"division x"\` ${FURTHER}`],
    ['a key of 40 characters', `roles:\n  - role: admin\n     ${KEY_40}: d\n`, `3:6 \`${KEY_40}\` ${FURTHER}`],
    ['a key of 41 characters, too long to quote', `roles:\n  - role: admin\n     ${KEY_41}: d\n`, `3:6 This line ${FURTHER}`],
    ['a key holding `#`, which is not quoted', 'roles:\n  - role: admin\n     "a#b": c\n', `3:6 This line ${FURTHER}`],
    ['a list item followed by a key', 'roles:\n  - role: admin\n     - d\n     e: f\n', `3:6 This line ${FURTHER}`],
  ])('is reported at its own line and column, by name: %s', (_case, text, problem) => {
    expect(problemsOf(text)).toEqual([problem]);
  });

  it.each([
    ['when nothing follows', 'name: x\nscopes:\n  - a\n - b\n', [`4:1 ${LIST_AS_KEY}`]],
    [
      'when the next item starts left of the key holding the error',
      'roles:\n  - role: a: b\n  - role: c\n',
      ['2:11 YAML syntax error: Nested mappings are not allowed in compact mappings.'],
    ],
    ['when the next line is less indented than the item', 'name: x\nscopes:\n  - a\n - b\n  c: d\n', [`4:1 ${LIST_AS_KEY}`]],
    ['when the next line starts at the item’s column', 'name: x\nscopes:\n  - a\n - b\n   c: d\n', [`4:1 ${LIST_AS_KEY}`]],
    [
      'past a deeper comment',
      'name: x\nscopes:\n  - a\n - b\n     # c\n  c: d\n',
      [`4:1 ${LIST_AS_KEY}`, '6:1 YAML syntax error: Sequence item without - indicator.'],
    ],
  ])('is not claimed %s: the parser’s own message stays, at its position', (_case, text, problems) => {
    expect(problemsOf(text)).toEqual(problems);
  });
});

describe('a repeated key', () => {
  it('is reported once, and the rest of the file is still checked', () => {
    expect(problemsOf('scopes: [a]\nscopes : [b]\n')).toEqual([
      '1:1 `name` is required.',
      '1:1 `authorized_grant_type` is required: one of `CODE`, `TOKEN`, `SAML2-BEARER`, `PASSWORD`, `CLIENT-CREDENTIALS`.',
      `2:1 The key \`scopes\` ${REPEATED}`,
    ]);
  });

  it.each([
    ['a double-quoted key holding a colon', '"a:b": 1\n"a:b": 2\n', `2:1 The key \`"a:b"\` ${REPEATED}`],
    ['a single-quoted key holding a colon', "'c:d': 1\n'c:d': 2\n", `2:1 The key \`'c:d'\` ${REPEATED}`],
    ['a key of 40 characters', `${KEY_40}: 1\n${KEY_40}: 2\n`, `2:1 The key \`${KEY_40}\` ${REPEATED}`],
    ['a key of 41 characters, too long to quote', `${KEY_41}: 1\n${KEY_41}: 2\n`, `2:1 This key ${REPEATED}`],
    ['an empty key', '{: 1, : 2}\n', `1:7 This key ${REPEATED}`],
  ])('is named as written: %s', (_case, text, problem) => {
    expect(problemsOf(text)).toContain(problem);
    expect(problemsOf(text).filter((line) => line.includes(REPEATED))).toEqual([problem]);
  });
});

describe('a bare `*` (an alias with no name)', () => {
  it.each([
    ['at the end of the line', 'name: x\ndivision: *\n'],
    ['followed by spaces', 'name: x\ndivision: *   \n'],
    ['followed by a comment', 'name: x\ndivision: * # all divisions\n'],
  ])('is explained as the text `*` %s', (_case, text) => {
    expect(problemsOf(text)).toEqual([`2:11 ${BARE_STAR}`]);
  });

  it('is explained under a list item too, at the `*`', () => {
    expect(problemsOf('name: x\nroles:\n  - role: admin\n    division: *\n')).toEqual([`4:15 ${BARE_STAR}`]);
  });

  it.each([
    ['followed by a word', 'name: x\ndivision: * b\n', `2:11 ${EMPTY_ALIAS}`],
    ['followed by another `*`', 'name: x\ndivision: * *\n', `2:11 ${EMPTY_ALIAS}`],
    ['inside a flow list', 'name: x\ndivision: [*, b]\n', `2:12 ${EMPTY_ALIAS}`],
  ])('keeps the parser’s message when it is not alone on its line: %s', (_case, text, problem) => {
    expect(problemsOf(text)).toEqual([problem]);
  });
});

describe('other syntax errors', () => {
  it.each([
    ['a reserved character', 'a: @b\n', '1:4 YAML syntax error: Plain value cannot start with reserved character @.'],
    ['an unclosed quote', 'a: "x\n', '2:1 YAML syntax error: Missing closing "quote.'],
    [
      'a message that already ends with a full stop',
      'a: !<!> x\n',
      "1:4 YAML syntax error: Verbatim tags aren't resolved, so !<!> is invalid.",
    ],
  ])('keep the parser’s first line, with one full stop: %s', (_case, text, problem) => {
    expect(problemsOf(text)).toEqual([problem]);
  });

  const broken = (lines: number) => Array.from({ length: lines }, (_, index) => `k${index}: @x`).join('\n');
  const reserved = (line: number) => `${line}:5 YAML syntax error: Plain value cannot start with reserved character @.`;

  it(`lists ${MAX_SYNTAX_ERRORS_PER_FILE} broken lines one by one`, () => {
    expect(problemsOf(broken(MAX_SYNTAX_ERRORS_PER_FILE))).toEqual(Array.from({ length: 10 }, (_, index) => reserved(index + 1)));
  });

  it('summarises the broken lines past the limit, at the last one shown', () => {
    const { problems } = parseDefinitions([{ file: FILE, text: broken(13) }], {});
    expect(problems.slice(0, 10)).toEqual(Array.from({ length: 10 }, (_, index) => expect.objectContaining({ line: index + 1 })));
    expect(problems.slice(10)).toEqual([
      { file: FILE, line: 10, column: 5, message: '3 more YAML syntax errors follow; fix the ones above first.' },
    ]);
  });
});
