// Where a file stops being UTF-8, so the problem points at the bad byte rather than at the whole file.

export interface TextPosition {
  line: number;
  column: number;
}

/** The 1-based line and column of the first byte that breaks UTF-8 (the end of the text when none does). */
export function findInvalidUtf8(bytes: Uint8Array): TextPosition {
  const offset = firstInvalidOffset(bytes);
  const before = new TextDecoder('utf-8').decode(bytes.subarray(0, offset));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

function firstInvalidOffset(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const length = sequenceLength(bytes, index);
    if (length === 0) return index;
    index += length;
  }
  return bytes.length;
}

/** The length of the well-formed sequence starting at `index` (RFC 3629 table), or 0 when it is ill-formed. */
function sequenceLength(bytes: Uint8Array, index: number): number {
  const lead = bytes[index] ?? 0;
  if (lead <= 0x7f) return 1;
  const [length, low, high] = continuationRange(lead);
  if (length === 0) return 0;
  const second = bytes[index + 1];
  if (second === undefined || second < low || second > high) return 0;
  for (let next = 2; next < length; next += 1) {
    const byte = bytes[index + next];
    if (byte === undefined || byte < 0x80 || byte > 0xbf) return 0;
  }
  return length;
}

/** For a lead byte: the sequence length and the allowed range of the second byte (which excludes overlongs and surrogates). */
function continuationRange(lead: number): [number, number, number] {
  if (lead >= 0xc2 && lead <= 0xdf) return [2, 0x80, 0xbf];
  if (lead === 0xe0) return [3, 0xa0, 0xbf];
  if (lead === 0xed) return [3, 0x80, 0x9f];
  if (lead >= 0xe1 && lead <= 0xef) return [3, 0x80, 0xbf];
  if (lead === 0xf0) return [4, 0x90, 0xbf];
  if (lead >= 0xf1 && lead <= 0xf3) return [4, 0x80, 0xbf];
  if (lead === 0xf4) return [4, 0x80, 0x8f];
  return [0, 0, 0];
}
