// What a report shows for a failure that was not an Error: an axios or SDK rejection can carry the Authorization
// header, so its content is never shown, only that something unexpected was thrown.
import { describe, expect, it } from 'vitest';
import { summariseError } from '../../src/apply/summarise-error.js';

const SECRET = 'SENTINEL-client-secret-4d2f';
const WITHHELD = 'Unexpected failure (a value that is not an Error was thrown; its content is withheld).';

describe('summariseError', () => {
  it.each([
    { thrown: 'a string', value: 'Authorization: Bearer token-0123456789' },
    { thrown: 'a rejection object', value: { message: 'Request failed', config: { headers: { Authorization: 'Basic dXNlcjpwYXNz' } } } },
    { thrown: 'undefined', value: undefined },
  ])('withholds the content of $thrown, saying only that something unexpected was thrown', ({ value }) => {
    const summary = summariseError(value, [SECRET]);

    expect(summary).toEqual({ message: WITHHELD });
  });

  it('withholds the content even when no secret is known yet', () => {
    expect(summariseError({ message: 'Request failed with Authorization: Bearer token-0123456789' }, [])).toEqual({ message: WITHHELD });
  });
});
