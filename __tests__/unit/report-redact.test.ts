import { describe, expect, it } from 'vitest';
import { redactSecrets, redactValue } from '../../src/report/redact.js';
import { summariseError } from '../../src/apply/summarise-error.js';
import { GenesysApiError } from '../../src/genesys/api-error.js';
import { toGitHubError } from '../../src/github/errors.js';

const SECRET = 'S3cr3t/Value+with=odd&chars<>"';

describe('redactSecrets', () => {
  it.each([
    ['as is', SECRET],
    ['base64', Buffer.from(SECRET).toString('base64')],
    ['base64 without padding', Buffer.from(SECRET).toString('base64').replace(/=+$/, '')],
    ['base64url', Buffer.from(SECRET).toString('base64url')],
    ['URL-encoded', encodeURIComponent(SECRET)],
    ['form-encoded', new URLSearchParams({ s: SECRET }).toString().slice(2)],
    ['JSON-escaped', JSON.stringify(SECRET).slice(1, -1)],
    ['HTML-escaped', SECRET.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')],
  ])('replaces the secret written %s with ***', (_form, written) => {
    expect(redactSecrets(`before ${written} after ${written}`, [SECRET])).toBe('before *** after ***');
  });

  it('ignores secrets shorter than 8 characters, which would redact ordinary words', () => {
    expect(redactSecrets('a cat and a dog in genesys/oauth-clients', ['a', 'cat', '', 'client'])).toBe(
      'a cat and a dog in genesys/oauth-clients',
    );
  });

  it('redacts every secret of the list', () => {
    expect(redactSecrets('id=client-one secret=hunter22', ['client-one', 'hunter22'])).toBe('id=*** secret=***');
  });

  it('redacts a longer secret whole when it contains a shorter one', () => {
    expect(redactSecrets('token abcd1234efgh', ['abcd1234', 'abcd1234efgh'])).toBe('token ***');
  });

  it('returns the text unchanged when there are no secrets', () => {
    expect(redactSecrets('nothing to hide', [])).toBe('nothing to hide');
  });
});

describe('redactSecrets: padding and short secrets', () => {
  // 13 bytes: base64 ends in `==`, and holds `+` and `/`, so its unpadded form is not the base64url one.
  const PADDED = '??>>??>>??>>x';

  it('replaces a base64 form that lost both padding characters', () => {
    const unpadded = Buffer.from(PADDED).toString('base64').replace(/=+$/, '');
    expect(unpadded).not.toBe(Buffer.from(PADDED).toString('base64url'));
    expect(redactSecrets(`auth ${unpadded} end`, [PADDED])).toBe('auth *** end');
  });

  it('ignores a short secret even where its encoded form is long enough to match', () => {
    const text = `b64 ${Buffer.from('abcdefg').toString('base64')} url ${encodeURIComponent('<<<<')}`;
    expect(redactSecrets(text, ['abcdefg', '<<<<'])).toBe(text);
  });
});

describe('redactValue', () => {
  const secret = 'hunter2-hunter2';

  it('redacts every string of plain data, keys included, and leaves other values as they are', () => {
    const value = { [`key-${secret}`]: [secret, 7, true, null, { nested: `x ${secret} y` }], none: null, count: 3 };
    expect(redactValue(value, [secret])).toEqual({ 'key-***': ['***', 7, true, null, { nested: 'x *** y' }], none: null, count: 3 });
  });

  it('gives back a lone null, number or string redacted', () => {
    expect(redactValue(null, [secret])).toBeNull();
    expect(redactValue(42, [secret])).toBe(42);
    expect(redactValue(secret, [secret])).toBe('***');
  });
});

describe('one redaction policy for every channel', () => {
  const encoded = [
    ['as is', SECRET],
    ['base64', Buffer.from(SECRET).toString('base64')],
    ['URL-encoded', encodeURIComponent(SECRET)],
    ['JSON-escaped', JSON.stringify(SECRET).slice(1, -1)],
  ] as const;

  it.each(encoded)('an apply failure summary hides the secret %s', (_form, value) => {
    const summary = summariseError(new GenesysApiError({ status: 400, message: `rejected ${value} here` }), [SECRET]);
    expect(summary.message).toBe('rejected *** here');
    expect(summariseError(new Error(`echoed ${value}`), new Set([SECRET])).message).toBe('echoed ***');
  });

  it.each(encoded)('a GitHub error hides the token %s', (_form, value) => {
    const error = toGitHubError(new Error(`request to https://x.invalid/?t=${value} failed`), {
      resource: 'issues',
      action: 'list issues',
      token: SECRET,
    });
    expect(error.message).not.toContain(value);
    expect(error.message).toContain('***');
  });
});
