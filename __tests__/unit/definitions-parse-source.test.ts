// How one definition file is read (parse.ts): the byte order mark, `.json` files, YAML warnings, the safety net,
// and the order problems come out in. Each case was written against a mutant that survived the rest of the suite.
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/core/types.js';
import { parseDefinitions, UNREADABLE_MESSAGE } from '../../src/definitions/parse.js';
import type { DefinitionSource } from '../../src/definitions/read-files.js';

const CLIENT = 'name: x\nauthorized_grant_type: SAML2-BEARER\nscopes: [y]\n';

function parse(...sources: DefinitionSource[]) {
  return parseDefinitions(sources, {});
}

/** Each problem or warning as `file:line:column message`. */
function placed(problems: Problem[]): string[] {
  return problems.map((problem) => `${problem.file}:${problem.line}:${problem.column} ${problem.message}`);
}

describe('parseDefinitions: reading one file', () => {
  it('turns an internal error on one file into one problem at its top, and still checks the next file', () => {
    const broken = {
      file: 'a.yaml',
      get text(): string {
        throw new Error('boom');
      },
    };
    const parsed = parse(broken, { file: 'b.yaml', text: CLIENT });
    expect(parsed.problems).toStrictEqual([{ file: 'a.yaml', line: 1, column: 1, message: UNREADABLE_MESSAGE }]);
    expect(parsed.definitions.map((definition) => definition.name)).toEqual(['x']);
  });

  it('counts columns after a byte order mark as an editor shows them', () => {
    const parsed = parse({ file: 'a.yaml', text: '\uFEFFname: 5\nauthorized_grant_type: SAML2-BEARER\nscopes: [y]\n' });
    expect(placed(parsed.problems)).toEqual(['a.yaml:1:7 `name` must be text, not a number; put it in quotes.']);
  });

  it('reads a JSON file that starts with a byte order mark', () => {
    const parsed = parse({ file: 'a.json', text: '\uFEFF{"name": "x", "authorized_grant_type": "SAML2-BEARER", "scopes": ["y"]}' });
    expect(parsed.problems).toEqual([]);
    expect(parsed.definitions.map((definition) => definition.name)).toEqual(['x']);
  });

  it('holds a `.json` file to JSON', () => {
    expect(placed(parse({ file: 'clients/a.JSON', text: '{"name": "x",}' }).problems)).toEqual([
      'clients/a.JSON:1:13 JSON syntax error: A trailing comma is not allowed in JSON: remove it.',
    ]);
  });

  it('warns about a `.json` file of only blank lines as an empty file, not a JSON error', () => {
    const parsed = parse({ file: 'a.json', text: '  \n' }, { file: 'b.json', text: '' });
    expect(parsed.problems).toEqual([]);
    expect(placed(parsed.warnings)).toEqual([
      'a.json:1:1 The file is empty: it declares no client.',
      'b.json:1:1 The file is empty: it declares no client.',
    ]);
  });

  it('reads a file named `.json.yaml` as YAML', () => {
    const parsed = parse({ file: 'a.json.yaml', text: CLIENT });
    expect(parsed.problems).toEqual([]);
    expect(parsed.definitions).toHaveLength(1);
  });

  it('warns about a file holding only `~` as an empty file', () => {
    expect(placed(parse({ file: 'a.yaml', text: '~\n' }).warnings)).toEqual(['a.yaml:1:1 The file is empty: it declares no client.']);
  });

  it('passes on the first line of a YAML warning, ending it with one full stop', () => {
    const parsed = parse(
      { file: 'a.yaml', text: `%FOO bar\n---\n${CLIENT}` },
      { file: 'b.yaml', text: `${CLIENT.replace('x', 'z')}description: !note. text\n` },
    );
    expect(parsed.problems).toEqual([]);
    expect(placed(parsed.warnings)).toEqual([
      'a.yaml:1:1 YAML warning: Unknown directive %FOO.',
      'b.yaml:4:14 YAML warning: Unresolved tag: !note.',
    ]);
  });

  it('keeps to the strict YAML rules, such as a space before a comment', () => {
    expect(placed(parse({ file: 'a.yaml', text: `${CLIENT}description: |#note\n  text\n` }).problems)).toEqual([
      'a.yaml:4:15 YAML syntax error: Comments must be separated from other tokens by white space characters.',
    ]);
  });

  it('says what a file holding clients may have beside them, for a key close to neither', () => {
    const text = 'colour: blue\nclients:\n  - name: x\n    authorized_grant_type: SAML2-BEARER\n    scopes: [y]\n';
    expect(placed(parse({ file: 'a.yaml', text }).problems)).toEqual([
      'a.yaml:1:1 Unknown key `colour` beside `clients:`; a file holds either one client or `clients:` with a list of them.',
    ]);
  });
});

describe('parseDefinitions: the problems as a list', () => {
  it('reports a client listed twice by an alias once per mistake, not twice', () => {
    const text = 'clients:\n  - &c { name: x, authorized_grant_type: SAML2-BEARER, scopes: [y], state: on }\n  - *c\n';
    expect(placed(parse({ file: 'a.yaml', text }).problems)).toEqual([
      'a.yaml:2:16 The name `x` is also used at `a.yaml:2:16`; client names must be unique.',
      'a.yaml:2:76 `state` must be `active` or `inactive`.',
    ]);
  });

  it('orders problems by file, then line, then column, whatever order they were found in', () => {
    const parsed = parse(
      { file: 'a.yaml', text: 'name: p\nauthorized_grant_type: SAML2-BEARER\nscopes: [y]\n' },
      { file: 'b.yaml', text: '{ name: p, authorized_grant_type: SAML2-BEARER, state: 7, scopes: 5 }\n' },
    );
    expect(placed(parsed.problems)).toEqual([
      'a.yaml:1:7 The name `p` is also used at `b.yaml:1:9`; client names must be unique.',
      'b.yaml:1:9 The name `p` is also used at `a.yaml:1:7`; client names must be unique.',
      'b.yaml:1:56 `state` must be text, not a number; put it in quotes.',
      'b.yaml:1:67 `scopes` must be a list, not a number.',
    ]);
  });

  it('keeps problems at one place in the order they were found', () => {
    const grants = '`CODE`, `TOKEN`, `SAML2-BEARER`, `PASSWORD`, `CLIENT-CREDENTIALS`';
    expect(placed(parse({ file: 'a.yaml', text: '{}\n' }, { file: 'b.yaml', text: '{}\n' }).problems)).toEqual([
      'a.yaml:1:1 `name` is required.',
      `a.yaml:1:1 \`authorized_grant_type\` is required: one of ${grants}.`,
      'b.yaml:1:1 `name` is required.',
      `b.yaml:1:1 \`authorized_grant_type\` is required: one of ${grants}.`,
    ]);
  });
});
