import { describe, expect, it } from 'vitest';
import { editDistance, suggestClosest } from '../../src/core/suggest.js';

// Spreads `count` inserted letters through `text`, so the result is `count` edits away and never contains `text`.
function withInsertions(text: string, count: number): string {
  const step = Math.floor(text.length / count);
  let out = '';
  for (let index = 0; index < text.length; index += 1) {
    out += text[index];
    if ((index + 1) % step === 0 && out.length - index - 1 < count) out += 'Q';
  }
  return out;
}

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['path', 'path', 0],
    ['paht', 'path', 1],
    ['abcd', 'acbd', 1],
    ['abcdef', 'badcfe', 3],
    ['kitten', 'sitting', 3],
    ['flaw', 'lawn', 2],
    ['ax', 'ya', 2],
    ['xa', 'ay', 2],
    ['ab', 'zzab', 2],
    ['abzz', 'ab', 2],
    ['ca', 'abc', 3],
    ['abcx', 'bacy', 2],
    ['xabc', 'ybac', 2],
  ])('%j to %j is %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });

  it('gives up when the lengths differ by more than 8 or the first string is over 64 letters', () => {
    expect(editDistance('a'.repeat(10), 'a'.repeat(18))).toBe(8);
    expect(editDistance('a'.repeat(10), 'a'.repeat(19))).toBe(Number.POSITIVE_INFINITY);
    expect(editDistance('a'.repeat(64), 'a'.repeat(63))).toBe(1);
    expect(editDistance('a'.repeat(65), 'a'.repeat(64))).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('suggestClosest', () => {
  it('follows an alias only to a candidate that exists', () => {
    expect(suggestClosest('pkce', ['code', 'token'], { pkce: 'code' })).toBe('code');
    expect(suggestClosest('pkce', ['code', 'token'], { pkce: 'implicit' })).toBeUndefined();
    expect(suggestClosest('pkce', ['code', 'token'])).toBeUndefined();
    expect(suggestClosest('toString', ['code'], {})).toBeUndefined();
  });

  it('suggests nothing for input that is only separators', () => {
    expect(suggestClosest('-_ ', ['a'])).toBeUndefined();
  });

  it('ignores case, dashes, underscores and spaces', () => {
    expect(suggestClosest('AuthorizedGrantType', ['scopes', 'authorized_grant_type'])).toBe('authorized_grant_type');
    expect(suggestClosest('a b c d e', ['abcde'])).toBe('abcde');
  });

  it('prefers the candidate that differs only in separators, even past the length cap', () => {
    const long = 'x'.repeat(70);
    expect(suggestClosest(long, [`${long}y`, `${long.slice(0, 35)}-${long.slice(35)}`])).toBe(`${long.slice(0, 35)}-${long.slice(35)}`);
  });

  it('allows one edit per three letters, at least one', () => {
    expect(suggestClosest('dscriptin', ['description'])).toBe('description');
    expect(suggestClosest('dscrptin', ['description'])).toBeUndefined();
    expect(suggestClosest('ax', ['ya'])).toBeUndefined();
    expect(suggestClosest('sope', ['scope'])).toBe('scope');
  });

  it('takes the nearest candidate, the first of equals', () => {
    expect(suggestClosest('descripton', ['descriptive', 'description'])).toBe('description');
    expect(suggestClosest('abcd', ['abce', 'abcf'])).toBe('abce');
  });

  it('falls back to a candidate that contains four or more letters of the input', () => {
    expect(suggestClosest('grant', ['scopes', 'authorized_grant_type'])).toBe('authorized_grant_type');
    expect(suggestClosest('gran', ['scopes', 'authorized_grant_type'])).toBe('authorized_grant_type');
    expect(suggestClosest('ran', ['scopes', 'authorized_grant_type'])).toBeUndefined();
  });

  it('follows the length caps of the distance', () => {
    const word = 'abcdefghijklmnopqrstuvwxyz'.slice(0, 24);
    const eight = withInsertions(word, 8);
    expect(editDistance(word, eight)).toBe(8);
    expect(suggestClosest(word, [eight])).toBe(eight);
    const nine = withInsertions(`${word}abc`, 9);
    expect(editDistance(`${word}abc`, nine)).toBe(Number.POSITIVE_INFINITY);
    expect(suggestClosest(`${word}abc`, [nine])).toBeUndefined();
  });
});
