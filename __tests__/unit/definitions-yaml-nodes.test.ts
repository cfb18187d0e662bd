// Typed reads of YAML nodes (yaml-nodes.ts): how a wrong value is named, what counts as empty, where a value that is
// not written is placed. Each case was written against a mutant that survived the rest of the suite.
import { describe, expect, it } from 'vitest';
import { parseDocument, Scalar, type Node } from 'yaml';
import { parseDefinitions } from '../../src/definitions/parse.js';
import { describeNode, isEmptyValue } from '../../src/definitions/yaml-nodes.js';

const nodeOf = (yaml: string): Node => parseDocument(yaml).contents as Node;

describe('describeNode', () => {
  it.each([
    ['a mapping', nodeOf('{ a: 1 }'), 'a mapping'],
    ['a list', nodeOf('[1]'), 'a list'],
    ['no node', undefined, 'empty'],
    ['null', nodeOf('~'), 'empty'],
    ['a scalar without a value', new Scalar(undefined), 'empty'],
    ['text', nodeOf('"1"'), 'text'],
    ['a number', nodeOf('1.5'), 'a number'],
    ['a big integer', new Scalar(10n), 'a number'],
    ['true', nodeOf('true'), '`true`'],
    ['false', nodeOf('false'), '`false`'],
    ['a date (YAML 1.1)', nodeOf('%YAML 1.1\n---\n!!timestamp 2001-01-01'), 'a tagged value'],
  ])('names %s "%s"', (_what, node, name) => {
    expect(describeNode(node)).toBe(name);
  });
});

describe('isEmptyValue', () => {
  it.each([
    ['no node', undefined, true],
    ['null', null, true],
    ['`~`', nodeOf('~'), true],
    ['a scalar without a value', new Scalar(undefined), true],
    ['empty text', nodeOf('""'), false],
    ['zero', nodeOf('0'), false],
    ['an empty list', nodeOf('[]'), false],
  ])('%s: %s', (_what, node, empty) => {
    expect(isEmptyValue(node)).toBe(empty);
  });
});

describe('a key written without a value', () => {
  it.each([
    ['an explicit key `? name`', 'authorized_grant_type: SAML2-BEARER\nscopes: [y]\n? name\n', '3:7'],
    ['a bare key in a flow mapping', '{ authorized_grant_type: SAML2-BEARER, scopes: [y], name }\n', '1:57'],
  ])('counts as empty, placed right after %s', (_how, text, at) => {
    const { problems } = parseDefinitions([{ file: 'a.yaml', text }], {});
    expect(problems.map((problem) => `${problem.line}:${problem.column} ${problem.message}`)).toEqual([
      `${at} \`name\` must not be empty.`,
    ]);
  });
});
