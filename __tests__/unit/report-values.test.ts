import { describe, expect, it } from 'vitest';
import { renderDuration, renderScalar } from '../../src/report/values.js';

describe('renderDuration', () => {
  it.each([
    [300, '5 min'],
    [900, '15 min'],
    [5_400, '1 h 30 min'],
    [86_400, '24 h'],
    [172_800, '2 d'],
    [200_000, '2 d 7 h 33 min 20 s'],
    [38_880_000, '450 d'],
    [301, '5 min 1 s'],
  ])('shows %i seconds as %s', (seconds, text) => {
    expect(renderDuration(seconds)).toBe(text);
  });
});

describe('renderDuration of nothing', () => {
  it('shows 0 seconds as 0 s', () => {
    expect(renderDuration(0)).toBe('0 s');
  });
});

describe('renderScalar', () => {
  it.each([
    ['access_token_validity_seconds', 86_400, '86400 (24 h)'],
    ['some_count', 5, '5'],
    ['authorized_grant_type', 'CODE', 'CODE'],
    ['state', 'inactive', 'inactive'],
    ['description', '', '""'],
    ['name', 'say "hi"', '"say \\"hi\\""'],
  ])('shows %s %j as %s', (field, value, text) => {
    expect(renderScalar(field, value)).toBe(text);
  });
});
