// check's audit reads against a recording fake: what is asked of Genesys, who is named as the changer of a drifted
// client, which clients are listed as unused, and what the run says (the request counts are pinned against the
// emulator in integration/check-audit-requests.test.ts).
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/core/plan.js';
import type { AuditLookup, LiveOrg, UsageDay } from '../../src/core/types.js';
import type { GenesysConnection } from '../../src/genesys/contract.js';
import { readCheckAudit } from '../../src/modes/audit.js';
import type { ModeSettings } from '../../src/modes/types.js';
import { aDefinition, aLiveClient, anOrg, clientId, PLAN_OPTIONS } from '../helpers/builders.js';
import { aModeDeps } from '../helpers/mode-deps.js';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const LONG_AGO = '2024-01-01T00:00:00.000Z';

/** Two declared clients, `drifted` (its description changed by `modifiedBy`) and `quiet`, both created long ago. */
function anAuditedOrg(modifiedBy: string): { live: LiveOrg; plan: ReturnType<typeof buildPlan> } {
  const self = anOrg().clients[0]!;
  const live = anOrg({
    clients: [
      { ...self, dateCreated: LONG_AGO },
      aLiveClient({
        id: clientId('live-drifted'),
        name: 'drifted',
        description: 'edited by hand',
        dateCreated: LONG_AGO,
        dateModified: '2026-02-27T09:30:00.000Z',
        modifiedBy,
      }),
      aLiveClient({ id: clientId('live-quiet'), name: 'quiet', dateCreated: LONG_AGO }),
    ],
  });
  const plan = buildPlan([aDefinition({ name: 'drifted' }), aDefinition({ name: 'quiet' })], live, PLAN_OPTIONS);
  return { live, plan };
}

function auditWith(settings: Partial<ModeSettings>, users: Record<string, string>) {
  const asked: unknown[] = [];
  const org = {
    readUserNames: async (ids: readonly string[]): Promise<AuditLookup<Record<string, string>>> => {
      asked.push({ users: ids });
      return { kind: 'read', value: users };
    },
    readApiUsage: async (window: { start: Date; end: Date }): Promise<AuditLookup<UsageDay[]>> => {
      asked.push({ usage: { start: window.start.toISOString(), end: window.end.toISOString() } });
      return { kind: 'read', value: [{ clientId: clientId('live-drifted'), date: '2026-02-28', requests: 12 }] };
    },
  } as unknown as GenesysConnection;
  const { deps, story: log } = aModeDeps({ settings: { failOnDrift: true, ...settings }, now: () => NOW });
  return { read: (ready: ReturnType<typeof anAuditedOrg>) => readCheckAudit(deps, { ...ready, org }), asked, log };
}

describe("check's audit", () => {
  it('names the user who changed a drifted client and lists the clients unused for 90 days by default', async () => {
    const { read, asked, log } = auditWith({}, { 'user-ada': 'Ada Lovelace' });

    const audit = await read(anAuditedOrg('user-ada'));

    expect(asked).toEqual([
      { users: ['user-ada'] },
      // The usage is read a year back, so a client unused for longer still shows its last day of use.
      { usage: { start: '2025-03-01T12:00:00.000Z', end: '2026-03-01T12:00:00.000Z' } },
    ]);
    expect(audit).toEqual({
      attributions: [
        {
          client: 'drifted',
          id: 'live-drifted',
          dateModified: '2026-02-27T09:30:00.000Z',
          modifiedBy: { kind: 'user', id: 'user-ada', name: 'Ada Lovelace' },
        },
      ],
      stale: {
        afterDays: 90,
        since: '2025-03-01T12:00:00.000Z',
        clients: [{ name: 'quiet', id: 'live-quiet', managed: true }],
      },
    });
    expect(log).toEqual(['Unused for 90 days or more: 1 client(s).']);
  });

  it('asks Genesys for no user names when another OAuth client made the change, and lists unused clients as configured', async () => {
    const { read, asked, log } = auditWith({ staleAfterDays: 30 }, {});

    const audit = await read(anAuditedOrg('live-quiet'));

    expect(asked).toEqual([{ usage: { start: '2025-03-01T12:00:00.000Z', end: '2026-03-01T12:00:00.000Z' } }]);
    expect(audit.attributions[0]?.modifiedBy).toEqual({ kind: 'client', id: 'live-quiet', name: 'quiet' });
    expect(audit.stale?.afterDays).toBe(30);
    expect(log).toEqual(['Unused for 30 days or more: 1 client(s).']);
  });
});
