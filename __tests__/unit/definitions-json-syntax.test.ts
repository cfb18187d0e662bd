import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError } from '../../src/definitions/json-syntax.js';

describe('findJsonSyntaxError', () => {
  it.each([
    ['an object', '{"name": "web", "scopes": ["a", "b"], "n": 1.5e3, "ok": true, "none": null}'],
    ['an empty object and list', '{ "a": {}, "b": [ ] }'],
    ['nested lists', '[[1, [2]], {"x": [3]}]'],
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
  ])('refuses %s at the offending character', (_what, text, offset, message) => {
    expect(findJsonSyntaxError(text)).toEqual({ offset, message: `JSON syntax error: ${message}` });
  });
});
