// Live clients the Action never touches: each kind its own section of the report, and one line at the terminal.
import { describe, expect, it } from 'vitest';
import type { LeftAloneClient } from '../../src/core/types.js';
import { leftAloneLines, renderLeftAlone } from '../../src/report/left-alone.js';
import { aPlan, id } from '../helpers/report-builders.js';

const going = (name: string, dateToDelete?: string): LeftAloneClient => ({
  reason: 'awaiting-deletion',
  id: id(`id-${name}`),
  name,
  ...(dateToDelete ? { dateToDelete } : {}),
});
const unknown = (name: string, field: 'authorized_grant_type' | 'state', value: string): LeftAloneClient => ({
  reason: 'unrecognised',
  id: id(`id-${name}`),
  name,
  field,
  value,
});
const blocksOf = (leftAlone: LeftAloneClient[]) =>
  renderLeftAlone(aPlan({ leftAlone })).map(({ omitted, ...block }) => ({ ...block, omitted: omitted?.(3) }));

describe('renderLeftAlone', () => {
  it('has no section when no client is left alone', () => {
    expect(renderLeftAlone(aPlan())).toEqual([]);
    expect(renderLeftAlone(aPlan({ leftAlone: [] }))).toEqual([]);
  });

  it('tells one client of each kind in the singular, each in its own section', () => {
    expect(blocksOf([unknown('pkce-app', 'authorized_grant_type', 'PKCE'), going('old-export', '2026-12-04T10:00:00.000Z')])).toEqual([
      {
        head:
          '#### 1 client awaiting deletion\n\n' +
          'Genesys is deleting it: never matched, counted or written. A definition with the same name creates a new client.',
        items: ['`old-export` (removed by `2026-12-04`)'],
        separator: ', ',
        omitted: '… and 3 more.',
        priority: 4,
      },
      {
        head:
          '#### 1 client left alone\n\n' +
          'A grant type or state this Action does not know: it never changes this client. Manage it in Genesys Cloud.',
        items: ['`pkce-app` (grant type `PKCE`)'],
        separator: ', ',
        omitted: '… and 3 more.',
        priority: 4,
      },
    ]);
  });

  it('tells several clients of each kind in the plural, naming the field of an unknown state', () => {
    const blocks = blocksOf([
      going('a-going'),
      unknown('b-paused', 'state', 'suspended'),
      going('c-going'),
      unknown('d-pkce', 'authorized_grant_type', 'PKCE'),
    ]);
    expect(blocks.map((block) => block.head)).toEqual([
      '#### 2 clients awaiting deletion\n\n' +
        'Genesys is deleting them: never matched, counted or written. A definition with the same name creates a new client.',
      '#### 2 clients left alone\n\n' +
        'A grant type or state this Action does not know: it never changes these clients. Manage them in Genesys Cloud.',
    ]);
    expect(blocks.map((block) => block.items)).toEqual([
      ['`a-going`', '`c-going`'],
      ['`b-paused` (state `suspended`)', '`d-pkce` (grant type `PKCE`)'],
    ]);
  });
});

describe('leftAloneLines', () => {
  it('has one line per kind, naming every client', () => {
    const plan = aPlan({
      leftAlone: [
        going('a-going'),
        unknown('b-paused', 'state', 'suspended'),
        going('c-going'),
        unknown('d-pkce', 'authorized_grant_type', 'PKCE'),
      ],
    });
    expect(leftAloneLines(plan)).toEqual([
      '  awaiting deletion (left alone): a-going, c-going',
      '  unknown grant type or state (left alone): b-paused (suspended), d-pkce (PKCE)',
    ]);
  });

  it('has no line for a kind without clients', () => {
    expect(leftAloneLines(aPlan())).toEqual([]);
    expect(leftAloneLines(aPlan({ leftAlone: [going('a-going')] }))).toEqual(['  awaiting deletion (left alone): a-going']);
  });
});
