import { describe, expect, it } from 'vitest';
import { isRecord, sortedUnique } from '../../src/core/plain-data.js';

describe('sortedUnique', () => {
  it('sorts by code units, drops repeats, and drops what is not a string', () => {
    expect(sortedUnique(['b', 'a', 'B', 'b', 'é', 'z'])).toEqual(['B', 'a', 'b', 'z', 'é']);
    expect(sortedUnique(['x', null, 3, undefined, 'x'])).toEqual(['x']);
  });
});

describe('isRecord', () => {
  it.each([
    [{}, true],
    [{ a: 1 }, true],
    [new Error('e'), true],
    [[], false],
    [null, false],
    ['text', false],
    [undefined, false],
  ])('%o is a record: %s', (value, expected) => {
    expect(isRecord(value)).toBe(expected);
  });
});
