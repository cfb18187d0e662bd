import { describe, expect, it } from 'vitest';
import { SecretKeeper } from '../../src/genesys/sdk-context.js';

describe('SecretKeeper', () => {
  it('hands each secret on once and redacts it, and its base64 form, from any text', () => {
    const seen: string[] = [];
    const keeper = new SecretKeeper((value) => seen.push(value));
    keeper.add('s3cr3t-value');
    keeper.add('s3cr3t-value');
    expect(seen).toEqual(['s3cr3t-value']);
    const base64 = Buffer.from('s3cr3t-value').toString('base64');
    expect(keeper.redact(`a s3cr3t-value and ${base64}`)).toBe('a *** and ***');
  });

  it('leaves ordinary words alone when a secret is too short to redact safely', () => {
    const keeper = new SecretKeeper(() => {});
    keeper.add('y');
    expect(keeper.redact('Could not reach Genesys')).toBe('Could not reach Genesys');
  });
});
