import { describe, expect, it } from 'vitest';
import type { ClientOutcome, DueSecret } from '../../src/core/types.js';
import type { RotationResult } from '../../src/report/report.js';
import { renderRotation, renderRotationCounts, renderSecretsDue } from '../../src/report/rotation.js';
import { aPlan, aReport, id } from '../helpers/report-builders.js';

const due = (client: string, ageDays: number, rotationDays = 90): DueSecret => ({
  client,
  id: id(`id-${client}`),
  rotationDays,
  writtenAt: '2024-01-02T03:04:05Z',
  ageDays,
});

const reset = (client: string, secretDeliveredTo: Extract<ClientOutcome, { kind: 'secret-reset' }>['secretDeliveredTo'], extra = {}) =>
  ({ kind: 'secret-reset', client, id: id(`id-${client}`), secretDeliveredTo, ...extra }) as ClientOutcome;

const failedReset = (client: string, message: string): ClientOutcome => ({
  kind: 'failed',
  client,
  action: 'reset-secret',
  id: id(`id-${client}`),
  error: { status: 500, message },
});

const rotate = (rotation: Partial<RotationResult>) =>
  aReport({ kind: 'rotate', rotation: { chosen: [], outcomes: [], refused: [], ...rotation } });

describe('renderSecretsDue', () => {
  it('is empty without a plan or without a due secret', () => {
    expect(renderSecretsDue(undefined)).toEqual({});
    expect(renderSecretsDue(aPlan())).toEqual({});
    expect(renderSecretsDue(aPlan({ secretsDue: [] }))).toEqual({});
  });

  it('names one due secret as "it", with when it was written, its age and its rotation period', () => {
    const block = renderSecretsDue(aPlan({ secretsDue: [due('vault', 91)] }));
    expect(block).toEqual({
      head:
        '#### 🔑 1 secret due for rotation\n\n' + 'Not drift: run the workflow with `mode: rotate` to reset it and deliver the new secret.',
      items: ['- `vault`: written `2024-01-02T03:04:05Z`, 91 days ago (rotation every 90 days)'],
      omitted: expect.any(Function),
      priority: 3,
    });
  });

  it('names several as "them", with singular days where a count is one', () => {
    const block = renderSecretsDue(aPlan({ secretsDue: [due('vault', 1, 1), due('`odd` @team', 30, 30)] }));
    expect(block.head).toBe(
      '#### 🔑 2 secrets due for rotation\n\n' +
        'Not drift: run the workflow with `mode: rotate` to reset them and deliver the new secrets.',
    );
    expect(block.items).toEqual([
      '- `vault`: written `2024-01-02T03:04:05Z`, 1 day ago (rotation every 1 day)',
      '- `` `odd` @team ``: written `2024-01-02T03:04:05Z`, 30 days ago (rotation every 30 days)',
    ]);
  });

  it('says how many more secrets are due when the list is cut', () => {
    const block = renderSecretsDue(aPlan({ secretsDue: [due('vault', 91)] }));
    expect([block.omitted?.(1), block.omitted?.(4)]).toEqual(['… and 1 more secret due.', '… and 4 more secrets due.']);
  });
});

describe('renderRotationCounts', () => {
  it('is empty for a report that has no rotation', () => {
    expect(renderRotationCounts(aReport())).toBe('');
  });

  it('says nothing was due when no client was chosen or refused', () => {
    expect(renderRotationCounts(rotate({}))).toBe('**No secret is due for rotation.** Nothing was changed.');
  });

  it.each([
    ['a refused client alone', { refused: [{ client: 'self', reason: 'no' }] }, '**0 secrets rotated** of 0 chosen.'],
    [
      'only the secrets actually reset, of those chosen',
      {
        chosen: [due('vault', 91), { client: 'web', named: true as const }, due('bot', 100)],
        outcomes: [reset('vault', ['github-secret']), failedReset('web', 'internal error'), reset('bot', [])],
      },
      '**2 secrets rotated** of 3 chosen.',
    ],
    [
      'one secret in the singular',
      { chosen: [due('vault', 91), due('web', 95)], outcomes: [reset('vault', ['file']), failedReset('web', 'down')] },
      '**1 secret rotated** of 2 chosen.',
    ],
    [
      'none reset when every reset failed',
      { chosen: [due('web', 95)], outcomes: [failedReset('web', 'down')] },
      '**0 secrets rotated** of 1 chosen.',
    ],
  ])('counts %s', (_, rotation, headline) => {
    expect(renderRotationCounts(rotate(rotation))).toBe(`${headline} Nothing else in the org was changed.`);
  });
});

describe('renderRotation', () => {
  it('is empty without a rotation, or when nothing was reset, failed or refused', () => {
    expect(renderRotation(aReport())).toEqual({});
    expect(renderRotation(rotate({ chosen: [due('vault', 91)] }))).toEqual({});
  });

  it('lists each reset with why it was chosen and where the secret went, under a plain heading', () => {
    const block = renderRotation(
      rotate({
        chosen: [due('vault', 91), { client: 'web', named: true }, due('daily', 1, 1)],
        outcomes: [reset('vault', ['github-secret', 'integration-credential']), reset('web', []), reset('daily', ['file'])],
      }),
    );
    expect(block).toEqual({
      head: '#### Rotated secrets',
      items: [
        '- ✅ `vault` (91 days old): reset, delivered to `github-secret`, `integration-credential`.',
        '- ✅ `web` (named by `rotate`): reset, delivered nowhere.',
        '- ✅ `daily` (1 day old): reset, delivered to `file`.',
      ],
      omitted: expect.any(Function),
      priority: 1,
    });
    expect([block.omitted?.(1), block.omitted?.(2)]).toEqual(['… and 1 more client.', '… and 2 more clients.']);
  });

  it('lists an outcome other than a reset by name alone', () => {
    const block = renderRotation(rotate({ outcomes: [{ kind: 'updated', client: 'other', id: id('id-other') }] }));
    expect(block.head).toBe('#### Rotated secrets');
    expect(block.items).toEqual(['- `other`']);
  });

  it('lists refused clients after the outcomes, their reason as safe inline text', () => {
    const block = renderRotation(
      rotate({
        chosen: [due('vault', 91)],
        outcomes: [reset('vault', ['file'])],
        refused: [{ client: 'self', reason: 'it is the client this run authenticates as <b>@team</b>' }],
      }),
    );
    expect(block.head).toBe('#### Rotated secrets');
    expect(block.items).toEqual([
      '- ✅ `vault` (91 days old): reset, delivered to `file`.',
      '- ⛔ `self`: not rotated: it is the client this run authenticates as &lt;b&gt;@\u200bteam&lt;/b&gt;',
    ]);
  });

  it('lists refused clients even when nothing was reset', () => {
    const block = renderRotation(rotate({ refused: [{ client: 'self', reason: 'it runs this' }] }));
    expect(block.items).toEqual(['- ⛔ `self`: not rotated: it runs this']);
  });

  const CAUTION =
    '> [!CAUTION]\n' +
    '> **A rotation did not finish.** A reset secret that did not reach a channel leaves its consumers on the old, ' +
    'dead secret: fix the cause (see below) and run `rotate` again for those clients (`rotate:` input), which resets ' +
    'and delivers once more.';

  it('warns that the rotation did not finish when a reset failed, and says the old secret still works', () => {
    const block = renderRotation(
      rotate({
        chosen: [due('vault', 91), { client: 'web', named: true }],
        outcomes: [reset('vault', ['file'], { deliveryFailures: [] }), failedReset('web', 'internal error')],
      }),
    );
    expect(block.head).toBe(CAUTION);
    expect(block.items).toEqual([
      '- ✅ `vault` (91 days old): reset, delivered to `file`.',
      '- ❌ `web` (named by `rotate`): not reset: Genesys 500: internal error Its old secret still works.',
    ]);
  });

  it('warns, and marks the client, when a reset secret did not reach every channel', () => {
    const block = renderRotation(
      rotate({
        chosen: [due('vault', 91)],
        outcomes: [
          reset('vault', ['file'], {
            deliveryFailures: [
              { channel: 'github-secret', error: { status: 403, message: 'Forbidden' } },
              { channel: 'integration-credential', error: { message: 'timed out' } },
            ],
          }),
        ],
      }),
    );
    expect(block).toEqual({
      head: CAUTION,
      items: [
        '- ⚠️ `vault` (91 days old): reset, delivered to `file`.\n' +
          '  - ⚠️ not delivered to `github-secret`: Genesys 403: Forbidden\n' +
          '  - ⚠️ not delivered to `integration-credential`: timed out',
      ],
      omitted: expect.any(Function),
      priority: 1,
    });
  });

  it('does not warn about a refused client or an outcome other than a reset', () => {
    const block = renderRotation(
      rotate({
        outcomes: [{ kind: 'updated', client: 'other', id: id('id-other') }],
        refused: [{ client: 'self', reason: 'it runs this' }],
      }),
    );
    expect(block.head).toBe('#### Rotated secrets');
  });
});
