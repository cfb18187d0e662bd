import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError } from '../../src/definitions/json-syntax.js';

const VALUE = 'Expected a value (a string in double quotes, a number, `true`, `false`, `null`, an object or a list)';
const RAW = 'A string cannot hold a raw line break or control character; write it escaped (`\\n`, `\\t`).';
const DEEP = 'The file nests too deeply to be read; a definition is only a few levels deep.';

describe('findJsonSyntaxError', () => {
  it.each([
    ['an object', '{"name": "web", "scopes": ["a", "b"], "n": 1.5e3, "ok": true, "none": null}'],
    ['an empty object and list', '{ "a": {}, "b": [ ] }'],
    ['nested lists', '[[1, [2]], {"x": [3]}]'],
    ['every escape in a string', String.raw`{"a": "x\"y\\z\/\b\f\n\r\t\u00e9\u00E9\uABCDw"}`],
    ['a `\\u` escape at the end of a string', String.raw`["\u0041"]`],
    ['numbers with fractions and exponents of several digits', '[0, -0, 12, -1.25, 1e10, 2E-3, 4e+05, 0.5e-12]'],
    ['the literals', '[true, false, null]'],
    ['whitespace of every kind around values', ' \t\r\n{ "a" :\t[ 1 ,\r\n2 ] }\n\n'],
    ['lists nested as deep as the limit', `${'['.repeat(64)}${']'.repeat(64)}`],
    [
      'many lists side by side, each within the limit',
      `[${Array.from({ length: 3 }, () => `${'['.repeat(63)}${']'.repeat(63)}`).join(',')}]`,
    ],
  ])('accepts %s', (_what, text) => {
    expect(findJsonSyntaxError(text)).toBeUndefined();
  });

  it.each([
    ['a trailing comma in an object', '{"a": 1,\n}', 7, 'A trailing comma is not allowed in JSON: remove it.'],
    ['a trailing comma in a list', '["a", "b", ]', 9, 'A trailing comma is not allowed in JSON: remove it.'],
    ['a missing comma in an object', '{"a": 1 "b": 2}', 8, 'Expected `,` or `}`, found `"`.'],
    ['a missing comma in a list', '[1 2]', 3, 'Expected `,` or `]`, found `2`.'],
    ['an unquoted key', '{name: 1}', 1, 'Expected a key in double quotes, found `n`.'],
    ['a missing colon', '{"a" 1}', 5, 'Expected `:` after the key, found `1`.'],
    ['an unclosed list', '[1, 2', 5, 'Expected `,` or `]`, found the end of the file.'],
    ['a value in backticks', '{"a": `x`}', 6, `${VALUE}, found a backtick.`],
    ['an unquoted word', '{"a": yes, "b": 1}', 6, `${VALUE}, found \`y\`.`],
    ['a lone minus sign', '[-]', 1, `${VALUE}, found \`-\`.`],
    ['a minus sign apart from its number', '[- 1]', 1, `${VALUE}, found \`-\`.`],
    ['a leading zero', '[01]', 2, 'Expected `,` or `]`, found `1`.'],
    ['a fraction with no digits', '[1.]', 2, 'Expected `,` or `]`, found `.`.'],
    ['a control character where a value belongs', '{"a": \u0001}', 6, `${VALUE}, found the control character U+0001.`],
    ['an escape character where a value belongs', '[\u001b]', 1, `${VALUE}, found the control character U+001B.`],
    ['DEL where a value belongs', '[\u007f]', 1, `${VALUE}, found the control character U+007F.`],
    ['a single-quoted string', '{"a": \'x\'}', 6, 'JSON strings use double quotes (`"`), not single quotes.'],
    ['a raw tab in a string', '{"a": "x\ty"}', 8, RAW],
    ['a raw line break in a string', '["x\ny"]', 3, RAW],
    ['an unknown escape', String.raw`["a\x"]`, 3, '`\\x` is not a JSON escape.'],
    ['a backslash at the end of the file', '["a\\', 3, '`\\` is not a JSON escape.'],
    ['a `\\u` with a non-hex digit', String.raw`["\u00g9"]`, 2, '`\\u` must be followed by four hex digits.'],
    ['a `\\u` with three digits', String.raw`["\u123"]`, 2, '`\\u` must be followed by four hex digits.'],
    ['an unclosed string, at its opening quote', '{"a": "abc}', 6, 'This string is never closed: add the closing `"`.'],
    ['an unclosed string after an escape', String.raw`["\u00e9`, 1, 'This string is never closed: add the closing `"`.'],
    ['lists nested deeper than the limit', `${'['.repeat(65)}${']'.repeat(65)}`, 64, DEEP],
    ['text after the value', '{} x', 3, 'Unexpected `x` after the end of the JSON value.'],
    ['a second value', '[1]\n[2]', 4, 'Unexpected `[` after the end of the JSON value.'],
  ])('refuses %s at the offending character', (_what, text, offset, message) => {
    expect(findJsonSyntaxError(text)).toEqual({ offset, message: `JSON syntax error: ${message}` });
  });
});
