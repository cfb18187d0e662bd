// The auditor's pure parts: who changed a drifted client, which clients nobody uses, and how both read.
import { describe, expect, it } from 'vitest';
import { buildAttributions, findUserIdsToName } from '../../src/core/attribution.js';
import { buildUsageWindow, findStaleClients, parseStaleAfterDays } from '../../src/core/stale.js';
import type { AuditLookup, PlanAction, UsageDay } from '../../src/core/types.js';
import { renderAttribution, renderDriftPullRequestBlock, renderInstant, renderStaleBlock } from '../../src/report/audit-details.js';
import { plainText } from '../../src/report/markdown.js';
import { foreignMarkup } from '../helpers/markdown-safety.js';
import { renderReport } from '../../src/report/render.js';
import { aLiveClient, anOrg, clientId, SELF_ID } from '../helpers/builders.js';
import type { Attribution } from '../../src/core/attribution.js';
import { aPlan, aReport, anUpdate, scalar } from '../helpers/report-builders.js';

const NOW = new Date('2026-11-29T12:00:00.000Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();
const NO_DRIFT = { detected: false, changed: [], missing: [], unmanaged: [] };
const noopOf = (client: string, id: string): PlanAction => ({ kind: 'noop', client, id: clientId(id) });
const read = <T>(value: T): AuditLookup<T> => ({ kind: 'read', value });

const org = anOrg({
  clients: [
    aLiveClient({ id: SELF_ID, name: 'genesys-oauth-sync', dateCreated: daysAgo(900) }),
    aLiveClient({ id: clientId('id-web'), name: 'web', dateCreated: daysAgo(900), dateModified: daysAgo(1), modifiedBy: 'u-jane' }),
    aLiveClient({ id: clientId('id-bot'), name: 'bot', dateCreated: daysAgo(900), dateModified: daysAgo(2), modifiedBy: 'self-id' }),
    aLiveClient({ id: clientId('id-old'), name: 'old', dateCreated: daysAgo(900) }),
    aLiveClient({ id: clientId('id-new'), name: 'new', dateCreated: daysAgo(10) }),
    aLiveClient({ id: clientId('id-loose'), name: 'loose', dateCreated: daysAgo(900) }),
  ],
});
const plan = aPlan({
  actions: [
    anUpdate('web', [scalar('description', 'a', 'b')], 'id-web'),
    anUpdate('bot', [scalar('description', 'a', 'b')], 'id-bot'),
    noopOf('old', 'id-old'),
    noopOf('new', 'id-new'),
    // Declaring the Action's own client is allowed; it is never listed as unused.
    noopOf('genesys-oauth-sync', SELF_ID),
  ],
  unmanaged: [{ id: clientId('id-loose'), name: 'loose' }],
});

describe('attribution', () => {
  it('looks up only modifiers that are not OAuth clients of the org', () => {
    expect(findUserIdsToName(plan, org)).toEqual(['u-jane']);
  });

  it.each([
    ['named users', read({ 'u-jane': 'Jane Doe' }), { kind: 'user', id: 'u-jane', name: 'Jane Doe' }],
    ['an id the lookup did not know', read({}), { kind: 'unnamed', id: 'u-jane' }],
    [
      'a refused lookup, with the permission',
      { kind: 'unavailable', message: '403', permission: 'directory:user:view' } as const,
      { kind: 'unnamed', id: 'u-jane', permission: 'directory:user:view' },
    ],
  ])('names %s', (_, users, expected) => {
    const [web, bot] = buildAttributions(plan, org, users);
    expect(web).toEqual({ client: 'web', id: 'id-web', dateModified: daysAgo(1), modifiedBy: expected });
    expect(bot?.modifiedBy).toEqual({ kind: 'client', id: 'self-id', name: 'genesys-oauth-sync' });
  });

  it('reads "changed by <name> at <UTC minute>" and never lets a name mention anyone or open markup', () => {
    expect(
      renderAttribution({
        client: 'web',
        id: clientId('id-web'),
        dateModified: '2026-11-29T09:14:03.120Z',
        modifiedBy: { kind: 'user', id: 'u', name: 'Jane Doe' },
      }),
    ).toBe('changed by Jane Doe at 2026-11-29 09:14 UTC');
    const name = plainText('@octocat <b>[x](y)</b>\n`z`');
    expect(name).not.toMatch(/[<>\n]/);
    expect(foreignMarkup(`- changed by ${name}`)).toEqual([]);
  });
});

describe('unused clients', () => {
  const usage: UsageDay[] = [
    { clientId: clientId('id-web'), date: daysAgo(5), requests: 3 },
    { clientId: clientId('id-old'), date: daysAgo(120).slice(0, 10), requests: 9 },
    { clientId: clientId('id-old'), date: daysAgo(200), requests: 1 },
  ];

  it('lists declared and unmanaged clients without a request in the window, with their last use, never the own or a new client', () => {
    const stale = findStaleClients(plan, org, read(usage), { now: NOW, staleAfterDays: 90 });
    expect(stale.clients).toEqual([
      { name: 'bot', id: 'id-bot', managed: true },
      { name: 'loose', id: 'id-loose', managed: false },
      { name: 'old', id: 'id-old', managed: true, lastUsed: daysAgo(120).slice(0, 10) },
    ]);
    expect(findStaleClients(plan, org, read(usage), { now: NOW, staleAfterDays: 150 }).clients.map((c) => c.name)).toEqual([
      'bot',
      'loose',
    ]);
  });

  it('counts a request on the first day of the window as use', () => {
    const edge = [{ clientId: clientId('id-old'), date: `${daysAgo(90).slice(0, 10)}T00:00:00.000Z`, requests: 1 }];
    expect(findStaleClients(plan, org, read(edge), { now: NOW, staleAfterDays: 90 }).clients.map((c) => c.name)).not.toContain('old');
  });

  it('looks back at least a year, and twice the window beyond that', () => {
    expect(buildUsageWindow(NOW, 90).start.toISOString()).toBe(daysAgo(365));
    expect(buildUsageWindow(NOW, 400).start.toISOString()).toBe(daysAgo(800));
  });

  it.each([
    ['90', 90],
    [' 0 ', 0],
    ['-1', undefined],
    ['1.5', undefined],
    ['ninety', undefined],
  ])('reads stale-after-days %j as %j', (text, days) => {
    expect(parseStaleAfterDays(text)).toBe(days);
  });

  it('is its own section of a report without drift, with the permission to add when usage could not be read', () => {
    const stale = findStaleClients(plan, org, read(usage), { now: NOW, staleAfterDays: 90 });
    const markdown = renderReport(aReport({ kind: 'check', plan: aPlan(), drift: NO_DRIFT, audit: { attributions: [], stale } }), {
      limit: 65_536,
      secrets: [],
    });
    expect(markdown).toContain('**No drift.**');
    expect(markdown).toContain('#### 💤 3 clients unused for 90 days or more');
    expect(markdown).toContain('- `loose` (id `id-loose`, unmanaged): no use since 2025-11-29');
    const refused = findStaleClients(
      plan,
      org,
      { kind: 'unavailable', message: 'no', permission: 'usage:api:view' },
      { now: NOW, staleAfterDays: 90 },
    );
    const note = renderReport(aReport({ kind: 'check', plan: aPlan(), drift: NO_DRIFT, audit: { attributions: [], stale: refused } }), {
      limit: 65_536,
      secrets: [],
    });
    expect(note).toContain("Genesys' usage API could not be read, so clients nobody uses are not listed. Add `usage:api:view`");
  });
});

describe('how the audit reads in the drift report', () => {
  const AT = '2026-11-29T09:14:03.120Z';
  const attribution = (fields: Partial<Attribution>): Attribution => ({ client: 'web', id: clientId('id-web'), ...fields });

  it('shows an instant it cannot read as it came, in a code span', () => {
    expect(renderInstant('yesterday')).toBe('`yesterday`');
  });

  it.each<[string, Attribution | undefined, string]>([
    ['nothing without an attribution', undefined, ''],
    ['nothing when Genesys recorded neither who nor when', attribution({}), ''],
    ['only when, when Genesys recorded no one', attribution({ dateModified: AT }), 'changed at 2026-11-29 09:14 UTC'],
    ['an OAuth client by name', attribution({ modifiedBy: { kind: 'client', id: 'c', name: 'bot' } }), 'changed by the OAuth client `bot`'],
    [
      'an unnamed user by id, with the permission that would name them',
      attribution({ modifiedBy: { kind: 'unnamed', id: 'u-1', permission: 'directory:user:view' } }),
      "changed by `u-1` (a user id: the Action's client needs `directory:user:view` to show the name)",
    ],
    [
      'an unnamed user by id alone',
      attribution({ modifiedBy: { kind: 'unnamed', id: 'u-1' }, dateModified: AT }),
      'changed by `u-1` at 2026-11-29 09:14 UTC',
    ],
  ])('says %s', (_, given, said) => {
    expect(renderAttribution(given)).toBe(said);
  });

  it('has no unused-clients section when the listing is off or found no client', () => {
    expect(renderStaleBlock(undefined)).toEqual({});
    expect(renderStaleBlock({ attributions: [] })).toEqual({});
    expect(renderStaleBlock({ attributions: [], stale: { afterDays: 90, since: daysAgo(365), clients: [] } })).toEqual({});
  });

  it('says the next check tries again when usage could not be read for a reason no permission fixes', () => {
    const stale = { afterDays: 90, since: daysAgo(365), clients: [], unavailable: { message: '503' } };
    expect(renderStaleBlock({ attributions: [], stale })).toEqual({
      head:
        "#### 💤 Unused clients\n\nGenesys' usage API could not be read, so clients nobody uses are not listed. " +
        'The next check tries again.',
    });
  });

  it('lists unused clients with their last use, or the start of the window, and counts the ones cut', () => {
    const clients = [
      { name: 'old', id: clientId('id-old'), managed: true, lastUsed: '2026-07-01' },
      { name: 'loose', id: clientId('id-loose'), managed: false },
    ];
    const { omitted, ...block } = renderStaleBlock({ attributions: [], stale: { afterDays: 90, since: daysAgo(365), clients } });
    expect(block).toEqual({
      head:
        '#### 💤 2 clients unused for 90 days or more\n\n' +
        'No API request in that time, yet each still holds a working secret. ' +
        'Not drift: delete or deactivate the ones nobody needs (`stale-after-days` sets the window).',
      items: ['- `old` (id `id-old`): last used 2026-07-01', '- `loose` (id `id-loose`, unmanaged): no use since 2025-11-29'],
      priority: 4,
    });
    expect([omitted?.(1), omitted?.(2)]).toEqual(['… and 1 more unused client.', '… and 2 more unused clients.']);
  });

  it('links the drift pull request, its address encoded so that nothing in it ends the link', () => {
    const report = aReport({ kind: 'check', driftPullRequest: { number: 7, url: 'https://github.com/acme/genesys/pull/7?a=(b) c' } });
    expect(renderDriftPullRequestBlock(report)).toEqual({
      head:
        "**Pull request [#7](https://github.com/acme/genesys/pull/7?a=%28b%29%20c) adopts the org's values**: " +
        'review and merge it to keep them.',
    });
  });

  it('says why the drift pull request could not be written, its message unable to mention anyone or open markup', () => {
    const report = aReport({
      kind: 'check',
      driftPullRequest: { failure: 'GitHub said <b>no</b> to @octocat: `contents: write` is missing' },
    });
    expect(renderDriftPullRequestBlock(report)).toEqual({
      head:
        '> [!NOTE]\n> The drift pull request could not be written: ' +
        'GitHub said &lt;b&gt;no&lt;/b&gt; to @\u200boctocat: `contents: write` is missing',
    });
    expect(renderDriftPullRequestBlock(aReport({ kind: 'check' }))).toEqual({});
  });
});
