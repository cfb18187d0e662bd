import { describe, expect, it } from 'vitest';
import { findInvalidUtf8 } from '../../src/definitions/utf8.js';

const at = (bytes: number[]) => findInvalidUtf8(Uint8Array.from(bytes));
const LF = 0x0a;
const BAD = 0xff;

describe('findInvalidUtf8', () => {
  // Each well-formed sequence is followed by a line break and a byte that is never UTF-8: the problem must point at
  // that byte (line 2, column 1), which only happens when the sequence before it was read as one whole character.
  it.each([
    ['DEL, the last ASCII byte', [0x7f]],
    ['U+0080, the first two-byte character', [0xc2, 0x80]],
    ['U+00BF, the highest second byte after C2', [0xc2, 0xbf]],
    ['U+07FF, the last two-byte character', [0xdf, 0xbf]],
    ['U+0800, the first three-byte character', [0xe0, 0xa0, 0x80]],
    ['U+1000 (lead E1)', [0xe1, 0x80, 0x80]],
    ['U+2000, a lowest third byte', [0xe2, 0x80, 0x80]],
    ['the euro sign', [0xe2, 0x82, 0xac]],
    ['U+20BF, a highest third byte', [0xe2, 0x82, 0xbf]],
    ['U+D7FF, the last character before the surrogates', [0xed, 0x9f, 0xbf]],
    ['U+FFFD (lead EF)', [0xef, 0xbf, 0xbd]],
    ['U+10000, the first four-byte character', [0xf0, 0x90, 0x80, 0x80]],
    ['an emoji', [0xf0, 0x9f, 0x98, 0x80]],
    ['U+40000 (lead F1)', [0xf1, 0x80, 0x80, 0x80]],
    ['U+FFFFF (lead F3)', [0xf3, 0xbf, 0xbf, 0xbf]],
    ['U+10FFFF, the last character', [0xf4, 0x8f, 0xbf, 0xbf]],
  ])('reads %s as one character and points past it', (_what, sequence) => {
    expect(at([0x61, ...sequence, LF, BAD])).toEqual({ line: 2, column: 1 });
    expect(at([0x61, ...sequence, BAD])).toEqual({ line: 1, column: 2 + (sequence.length === 4 ? 2 : 1) });
  });

  // Each ill-formed sequence follows an `a`, so the problem is at line 1, column 2, whatever comes after it.
  it.each([
    ['a lone continuation byte', [0x80]],
    ['a run of continuation bytes', [0x80, 0x80, 0x80, 0x80]],
    ['an overlong two-byte encoding (C0)', [0xc0, 0x80, 0x80, 0x80]],
    ['an overlong two-byte encoding (C1)', [0xc1, 0xbf]],
    ['a two-byte lead at the end of the file', [0xc3]],
    ['a two-byte lead followed by ASCII', [0xc3, 0x41]],
    ['a two-byte lead followed by another lead', [0xc2, 0xc0]],
    ['an overlong three-byte encoding', [0xe0, 0x80, 0x80]],
    ['an overlong three-byte encoding just below U+0800', [0xe0, 0x9f, 0xbf]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ['a three-byte sequence whose last byte is ASCII', [0xe2, 0x82, 0x41]],
    ['a three-byte sequence whose last byte is a lead', [0xe2, 0x82, 0xc0]],
    ['a truncated three-byte sequence', [0xe2, 0x82]],
    ['an overlong four-byte encoding', [0xf0, 0x8f, 0xbf, 0xbf]],
    ['a four-byte sequence whose last byte is ASCII', [0xf1, 0x80, 0x80, 0x41]],
    ['a truncated four-byte sequence', [0xf0, 0x9f, 0x98]],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['the lead byte F5', [0xf5, 0x80, 0x80, 0x80]],
    ['the byte FF', [0xff]],
  ])('points at %s', (_what, sequence) => {
    expect(at([0x61, ...sequence])).toEqual({ line: 1, column: 2 });
    expect(at([0x61, ...sequence, 0x7a, LF, 0x7a])).toEqual({ line: 1, column: 2 });
  });

  it('counts lines and columns in characters, not bytes', () => {
    // `é:\n  ✓ ` then a bad byte: line 2, after two spaces, a check mark and a space.
    expect(at([0xc3, 0xa9, 0x3a, LF, 0x20, 0x20, 0xe2, 0x9c, 0x93, 0x20, BAD])).toEqual({ line: 2, column: 5 });
  });

  it('points at the end of the text when every byte is UTF-8', () => {
    expect(at([])).toEqual({ line: 1, column: 1 });
    expect(at([0x61, 0x62, LF, 0x63, 0xc3, 0xa9])).toEqual({ line: 2, column: 3 });
    expect(at([0x61, LF])).toEqual({ line: 2, column: 1 });
  });
});
