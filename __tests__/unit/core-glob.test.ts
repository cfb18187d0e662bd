import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isIgnored, matchesGlob } from '../../src/core/match.js';

/** What `*` means, written the slow way: a regular expression with `.*`. */
function byRegExp(text: string, pattern: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('[\\s\\S]*');
  return new RegExp(`^${source}$`).test(text);
}

describe('matchesGlob', () => {
  it.each([
    ['ci-deployer', 'ci-*', true],
    ['ci-deployer', '*-deployer', true],
    ['ci-deployer', 'ci-deployer', true],
    ['ci-deployer', 'ci', false],
    ['a-b', '*-*-*', false],
    ['x-1-2-3-4-5-tmp', '*-*-*-*-*-*-tmp', true],
    ['aXa', 'a*a*a', false],
    ['aa', 'a*a', true],
    ['a', 'a*a', false],
    ['a', '*a*', true],
    ['ab', 'a*b*', true],
    ['anything', '*', true],
    ['', '*', true],
  ])('%j against %j is %s', (text, pattern, expected) => {
    expect(matchesGlob(text, pattern)).toBe(expected);
  });

  it('agrees with the regular expression it replaces', () => {
    const letters = fc.string({ unit: fc.constantFrom('a', 'b', '-', '*', '.'), maxLength: 8 });
    fc.assert(
      fc.property(
        letters.map((text) => text.replace(/\*/g, '')),
        letters,
        (text, pattern) => {
          expect(matchesGlob(text, pattern)).toBe(byRegExp(text, pattern));
        },
      ),
    );
  });

  it('matches a 10,000-character name against many wildcards without backtracking', () => {
    const name = 'a-'.repeat(5_000);
    const started = performance.now();
    expect(isIgnored(name, ['*-*-*-*-*-*-*-*-*-*-tmp', '*a*a*a*a*a*a*a*a*a*b'])).toBe(false);
    // Linear time takes a millisecond or so; a backtracking matcher would take longer than anyone waits. The bound is
    // that gap, not a timing: it holds on a loaded machine.
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('ignores case only when asked', () => {
    expect(matchesGlob('HTTP', 'http')).toBe(false);
    expect(matchesGlob('HTTP', 'ht*', true)).toBe(true);
  });
});
