import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signReview, verifyReview } from '../../src/core/review-signature.js';
import { parseMarker, renderMarker, type MarkerData } from '../../src/report/marker.js';

const KEY = 'a-review-key';
const subject = { pullRequest: 7, headSha: 'b'.repeat(40) };
const fields: MarkerData = {
  tool: 'genesys-oauth-sync',
  version: 1,
  kind: 'plan',
  label: 'prod',
  hash: 'f'.repeat(64),
  clients: { '["a"]': 'create:1', '["b","id-b"]': 'update:2' },
  status: 'applying',
  creates: ['a'],
};

describe('review signatures', () => {
  it('verifies a marker signed as rendered, after a round trip through the comment text', () => {
    const parsed = parseMarker(`${renderMarker(fields, (f) => signReview(KEY, f, subject))}\nbody`);
    expect(parsed?.sig).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyReview(KEY, parsed!, subject)).toBe(true);
  });

  it.each([
    ['another hash', { hash: 'e'.repeat(64) }],
    ['another label', { label: 'dev' }],
    ['another status', { status: 'planned' }],
    ['other digests', { clients: { '["a"]': 'create:9' } }],
    ['other creates', { creates: [] }],
  ])('refuses a marker edited to carry %s', (_what, edit) => {
    const signed = parseMarker(renderMarker(fields, (f) => signReview(KEY, f, subject)))!;
    expect(verifyReview(KEY, { ...signed, ...edit }, subject)).toBe(false);
  });

  it('refuses a signature for another pull request, another head commit, another key, or none', () => {
    const signed = parseMarker(renderMarker(fields, (f) => signReview(KEY, f, subject)))!;
    expect(verifyReview(KEY, signed, { ...subject, pullRequest: 8 })).toBe(false);
    expect(verifyReview(KEY, signed, { ...subject, headSha: 'c'.repeat(40) })).toBe(false);
    expect(verifyReview('another-key', signed, subject)).toBe(false);
    expect(verifyReview(KEY, { ...signed, sig: undefined }, subject)).toBe(false);
    expect(verifyReview(KEY, { ...signed, sig: 'not hex' }, subject)).toBe(false);
  });

  it('signs the same fields the same way whatever their key order', () => {
    const reordered = {
      status: fields.status,
      creates: fields.creates,
      ...fields,
      clients: { '["b","id-b"]': 'update:2', '["a"]': 'create:1' },
    };
    expect(signReview(KEY, reordered, subject)).toBe(signReview(KEY, fields, subject));
  });

  it('signs one canonical text: keys sorted at every level, lists in order, undefined fields left out, sig aside', () => {
    const unordered = {
      status: undefined,
      label: 'prod',
      clients: { '["b","id-b"]': 'update:2', '["a"]': 'create:1' },
      creates: ['b', 'a', undefined],
      kind: 'plan',
      hash: null,
      sig: 'c'.repeat(64),
    };
    const text =
      '{"clients":{"[\\"a\\"]":"create:1","[\\"b\\",\\"id-b\\"]":"update:2"},"creates":["b","a",null],' +
      `"hash":null,"headSha":"${subject.headSha}","kind":"plan","label":"prod","pullRequest":7}`;
    expect(signReview(KEY, unordered, subject)).toBe(createHmac('sha256', KEY).update(text).digest('hex'));
  });

  it('refuses a valid signature with anything before or after it, or wrapped in a list', () => {
    const signed = parseMarker(renderMarker(fields, (f) => signReview(KEY, f, subject)))!;
    const sig = signed.sig!;
    for (const forged of [`${sig}x`, `${sig}00`, `x${sig}`, `00${sig}`, sig.toUpperCase()]) {
      expect(verifyReview(KEY, { ...signed, sig: forged }, subject)).toBe(false);
    }
    expect(verifyReview(KEY, { ...signed, sig: [sig] }, subject)).toBe(false);
  });
});
