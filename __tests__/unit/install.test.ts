// `npm ci` on a fresh clone: engines that say what the CLI and the tests really need, no install script nobody
// reviewed, and no engine warning but the one the README explains.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  engines: { node: string };
  allowScripts?: Record<string, boolean>;
};
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { engines?: { node?: string } | string[]; hasInstallScript?: boolean }>;
};

/** The README's "Installing" paragraph explains this one: it declares Node 22 and runs on 20. */
const EXPLAINED = { 'node_modules/content-type': ['20.19.0', '20.20.2'] };
/** The oldest releases of each line our engines accept, and the runner's Node. */
const SUPPORTED = ['20.19.0', '20.20.2', '22.13.0', '24.0.0'];

type Version = [number, number, number];
const version = (text: string): Version => {
  const [a = 0, b = 0, c = 0] = text
    .replace(/^v/, '')
    .split('.')
    .map((n) => (/^\d+$/.test(n) ? Number(n) : 0));
  return [a, b, c];
};
const compare = (a: Version, b: Version) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

// Enough of semver's range grammar for engines fields: `||`, space-joined comparators, ^ ~ >= > <= < = and x-ranges.
function satisfies(text: string, range: string): boolean {
  const v = version(text);
  return range.split('||').some((alternative) =>
    alternative
      .trim()
      .replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1')
      .split(/\s+/)
      .filter(Boolean)
      .every((comparator) => {
        const [, op = '', rest = ''] = /^(>=|<=|>|<|=|\^|~)?v?(.*)$/.exec(comparator) ?? [];
        if (rest === '*' || rest === 'x' || rest === '') return true;
        const parts = rest.split('.');
        const bound = version(rest);
        // How many leading parts are numbers: 1 for `20` or `20.x`, 2 for `20.1`, 3 for `20.1.2`.
        const exact = parts.findIndex((p) => !/^\d+$/.test(p)) === -1 ? parts.length : parts.findIndex((p) => !/^\d+$/.test(p));
        const wild = exact < 3;
        const majorOnly: Version = [bound[0] + 1, 0, 0];
        const upper: Version =
          op === '^' ? (bound[0] > 0 ? majorOnly : [0, bound[1] + 1, 0]) : exact === 1 ? majorOnly : [bound[0], bound[1] + 1, 0];
        if (op === '>=') return compare(v, bound) >= 0;
        if (op === '>') return wild ? compare(v, upper) >= 0 : compare(v, bound) > 0;
        if (op === '<=') return wild ? compare(v, upper) < 0 : compare(v, bound) <= 0;
        if (op === '<') return compare(v, bound) < 0;
        if (op === '^') return compare(v, bound) >= 0 && compare(v, upper) < 0;
        if (op === '~' || wild) return compare(v, bound) >= 0 && compare(v, upper) < 0;
        return compare(v, bound) === 0;
      }),
  );
}

describe('a clean install', () => {
  it.each([
    ['>=20', '20.0.0', true],
    ['^20.19.0 || >=22.12.0', '20.18.1', false],
    ['^20.19.0 || >=22.12.0', '22.11.0', false],
    ['^20.19.0 || >=22.12.0', '24.1.0', true],
    ['>=23.5.0 || ^22.13.0 || ^20.17.0', '21.0.0', false],
    ['>= 20', '20.1.0', true],
    ['20.x || 22.x', '22.3.0', true],
    ['20.x || 22.x', '21.0.0', false],
    ['~20.19', '20.20.0', false],
    ['<=22', '22.5.0', true],
    ['>20', '20.9.0', false],
    ['>=22', '20.20.2', false],
  ])('reads the engines range %s for Node %s as %s', (range, node, expected) => {
    expect(satisfies(node, range)).toBe(expected);
  });

  it.each(SUPPORTED)('installs on Node %s without an engine warning, except the one the README explains', (node) => {
    const refusing = Object.entries(lock.packages)
      .filter(
        ([path, entry]) => path !== '' && !Array.isArray(entry.engines) && entry.engines?.node && !satisfies(node, entry.engines.node),
      )
      .map(([path]) => path)
      .filter((path) => !(EXPLAINED as Record<string, string[]>)[path]?.includes(node));
    expect(refusing).toEqual([]);
    expect(satisfies(node, pkg.engines.node)).toBe(true);
  });

  it('declares engines no wider than the tools the tests run on (Vitest and StrykerJS need ^20.19 or >=22.13)', () => {
    for (const older of ['20.18.3', '21.7.3', '22.12.0']) expect(satisfies(older, pkg.engines.node), older).toBe(false);
  });

  it('runs no install script that package.json has not decided on in allowScripts', () => {
    const withScripts = Object.entries(lock.packages)
      .filter(([, entry]) => entry.hasInstallScript)
      .map(([path]) => path.replace(/^.*node_modules\//, ''));
    expect(withScripts.filter((name) => !(name in (pkg.allowScripts ?? {})))).toEqual([]);
  });
});
