import { describe, expect, it } from 'vitest';
import { renderDuration } from '../../src/report/values.js';

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
