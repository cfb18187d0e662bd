import { describe, expect, it } from 'vitest';
import { renderApiError } from '../../src/report/client-details.js';

describe('renderApiError', () => {
  it('adds status, code and correlation id to a bare Genesys message', () => {
    expect(renderApiError({ status: 400, code: 'bad.request', message: 'Invalid scope', correlationId: 'c-1' })).toBe(
      'Genesys 400 `bad.request`: Invalid scope (correlation id `c-1`)',
    );
  });

  it('does not repeat what a whole-sentence message from the Genesys module already says', () => {
    const message = 'Genesys rejected creating `x`: 400 bad.request "Invalid scope" (correlation id c-1).';
    expect(renderApiError({ status: 400, code: 'bad.request', message, correlationId: 'c-1' })).toBe(message);
  });
});
