// A check's cost does not grow with the org: attribution is one batched users lookup, unused clients one usage query
// and its results, whatever the number of clients and of people who changed them (real SDK against the emulator).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Emulator, generateClients, type SeedClient } from '../../emulator/index.js';
import { connectGenesys } from '../../src/genesys/connect.js';
import type { ModeOutcome } from '../../src/modes/types.js';
import { runMode } from '../../src/modes/run.js';
import { emulatorPerTest } from '../helpers/emulator-per-test.js';
import { aModeDeps } from '../helpers/mode-deps.js';

const start = emulatorPerTest();
const NOW = new Date('2026-11-29T12:00:00.000Z');
const DAY_MS = 86_400_000;
const USERS = [
  { id: 'u-jane', name: 'Jane Doe' },
  { id: 'u-omar', name: 'Omar Haddad' },
  { id: 'u-li', name: 'Li Wei' },
];

/** Every client changed by hand (by one of three people, or by another OAuth client), half of them long unused. */
function seedOrg(count: number): { clients: SeedClient[]; usage: { clientId: string; date: string; requests: number }[] } {
  const clients = generateClients(count, { seed: 13, inactiveShare: 0 }).map((client, index) => ({
    ...client,
    id: `client-${index}`,
    dateCreated: new Date(NOW.getTime() - 400 * DAY_MS).toISOString(),
    modifiedBy: index % 4 === 3 ? 'action-client-id' : USERS[index % 4]?.id,
  }));
  const usage = clients.map((client, index) => ({
    clientId: client.id,
    date: new Date(NOW.getTime() - (index % 2 === 0 ? 3 : 200) * DAY_MS).toISOString(),
    requests: 5,
  }));
  return { clients, usage };
}

/** Definitions that declare every seeded client with another description: each one is drift. */
function writeDefinitions(clients: readonly SeedClient[]): string {
  const workspace = mkdtempSync(join(tmpdir(), 'gos-audit-'));
  mkdirSync(join(workspace, 'defs'));
  const declared = clients.map((seed) => ({
    name: seed.name,
    description: `Declared: ${seed.description ?? ''}`,
    authorized_grant_type: seed.authorizedGrantType,
    access_token_validity_seconds: seed.accessTokenValiditySeconds,
    registered_redirect_uris: seed.registeredRedirectUri ?? [],
    scopes: seed.scope ?? [],
    roles: (seed.roleDivisions ?? []).map((grant) => ({ role_id: grant.roleId, division_id: grant.divisionId })),
  }));
  writeFileSync(join(workspace, 'defs', 'all.json'), JSON.stringify({ clients: declared }));
  return workspace;
}

async function check(emu: Emulator, workspace: string): Promise<ModeOutcome> {
  const { deps } = aModeDeps({
    settings: { workspace, label: 'audit', failOnDrift: true, staleAfterDays: 90 },
    now: () => NOW,
    openGenesys: () => connectGenesys({ ...emu.credentials, apiUrl: emu.url, onSecret: () => {}, sleep: async () => {} }),
  });
  return runMode('check', deps);
}

async function requestsOfACheck(count: number): Promise<{ requests: string[]; outcome: ModeOutcome }> {
  const { clients, usage } = seedOrg(count);
  const emu = await start({ clients, users: USERS, usage, usageQueryPendingReads: 2, now: () => NOW });
  const workspace = writeDefinitions(clients);
  const outcome = await check(emu, workspace);
  return { requests: emu.requests.map((r) => `${r.method} ${r.path.replace(/\/query\/[^/]+\//, '/query/{id}/')}`), outcome };
}

describe('the Genesys requests of a check', () => {
  it('are the same at 10 and 1,000 drifted clients changed by three people, with attribution and unused clients', async () => {
    const small = await requestsOfACheck(10);
    const big = await requestsOfACheck(1_000);
    expect(big.outcome.report.drift?.changed).toHaveLength(1_000);
    expect(big.requests.sort()).toEqual(small.requests.sort());
    expect(big.requests.filter((r) => r === 'GET /api/v2/users')).toHaveLength(1);
    expect(big.requests.filter((r) => r === 'POST /api/v2/usage/query')).toHaveLength(1);
    // The query answered `Running` twice before completing.
    expect(big.requests.filter((r) => r === 'GET /api/v2/usage/query/{id}/results')).toHaveLength(3);

    const audit = big.outcome.report.audit;
    const names = new Set(
      audit?.attributions.map((a) => (a.modifiedBy && 'name' in a.modifiedBy ? a.modifiedBy.name : a.modifiedBy?.kind)),
    );
    expect([...names].sort()).toEqual(['Jane Doe', 'Li Wei', 'Omar Haddad', 'genesys-oauth-sync']);
    expect(audit?.attributions.find((a) => a.id === 'client-3')?.modifiedBy).toEqual({
      kind: 'client',
      id: 'action-client-id',
      name: 'genesys-oauth-sync',
    });
    expect(audit?.stale?.clients).toHaveLength(500);
    expect(audit?.stale?.clients.find((c) => c.id === 'client-1')?.lastUsed).toBe('2026-05-13');
  }, 60_000);
});
