// The emulator's realistic behaviours (emulator/realism.ts) through the real SDK and the Genesys module: reads that lag
// behind writes, soft delete, a truncated list, tokens/me without roles, refused implicit clients. A virtual clock
// moves time, so nothing here sleeps.
import { describe, expect, it } from 'vitest';
import { createVirtualClock, type EmulatorOptions, type VirtualClock } from '../../emulator/index.js';
import type { ClientId } from '../../src/core/types.js';
import { connectGenesys } from '../../src/genesys/connect.js';
import type { GenesysConnection } from '../../src/genesys/contract.js';
import { anEmulatorSpec } from '../helpers/builders.js';
import { emulatorPerTest } from '../helpers/emulator-per-test.js';

const start = emulatorPerTest();
const DAY_MS = 86_400_000;

async function realisticOrg(
  options: EmulatorOptions = {},
): Promise<{ org: GenesysConnection; clock: VirtualClock; emu: Awaited<ReturnType<typeof start>> }> {
  const clock = createVirtualClock();
  const emu = await start({ profile: 'realistic', now: clock.now, advanceClock: clock.advance, ...options });
  const org = await connectGenesys({ ...emu.credentials, apiUrl: emu.url, onSecret: () => {}, sleep: async () => {} });
  return { org, clock, emu };
}

describe('the realistic profile', () => {
  it('serves the old view for the lag: a new client 404s by id and is not listed, an update reads old, then both show', async () => {
    const { org, clock } = await realisticOrg({
      clients: [{ name: 'kept', authorizedGrantType: 'CODE', registeredRedirectUri: ['https://k/'], scope: ['a'] }],
    });
    const kept = (await org.readOrg()).clients.find((c) => c.name === 'kept');
    const { id } = await org.createClient(anEmulatorSpec('fresh'));
    await org.updateClient(kept!.id, {
      ...anEmulatorSpec('kept'),
      authorized_grant_type: 'CODE',
      registered_redirect_uris: ['https://k/'],
      scopes: ['a'],
      roles: [],
      description: 'new',
    });

    expect(await org.readClient(id)).toBeUndefined();
    expect((await org.readOrg()).clients.map((c) => c.name)).not.toContain('fresh');
    expect((await org.readClient(kept!.id))?.description).toBe('');

    clock.advance(2_000);
    expect((await org.readClient(id))?.name).toBe('fresh');
    expect((await org.readOrg()).clients.map((c) => c.name)).toContain('fresh');
    expect((await org.readClient(kept!.id))?.description).toBe('new');
  });

  it(
    'keeps a deleted client older than 30 days inactive with dateToDelete for 7 days; ' + 'a young one reads as deleted, then 404s',
    async () => {
      const clock = createVirtualClock();
      const old = new Date(clock.now().getTime() - 60 * DAY_MS).toISOString();
      const { org } = await realisticOrg({
        now: clock.now,
        clients: [
          {
            id: 'old-1',
            name: 'old',
            authorizedGrantType: 'CLIENT-CREDENTIALS',
            roleDivisions: [{ roleId: 'role-employee', divisionId: '*' }],
            dateCreated: old,
          },
          {
            id: 'young-1',
            name: 'young',
            authorizedGrantType: 'CLIENT-CREDENTIALS',
            roleDivisions: [{ roleId: 'role-employee', divisionId: '*' }],
          },
        ],
      });
      for (const id of ['old-1', 'young-1']) await org.deleteClient(id as ClientId, anEmulatorSpec(id.split('-')[0]!));

      clock.advance(2_000);
      expect(await org.readClient('old-1' as ClientId)).toMatchObject({ state: 'inactive', dateToDelete: expect.any(String) });
      expect(await org.readClient('young-1' as ClientId)).toMatchObject({ state: 'deleted' });
      const listed = (await org.readOrg()).clients.filter((c) => c.name === 'old' || c.name === 'young');
      expect(listed.map((c) => [c.name, c.state])).toEqual([
        ['old', 'inactive'],
        ['young', 'deleted'],
      ]);

      clock.advance(5_000);
      expect(await org.readClient('young-1' as ClientId)).toBeUndefined();
      clock.advance(7 * DAY_MS);
      expect(await org.readClient('old-1' as ClientId)).toBeUndefined();
    },
  );

  it('answers tokens/me without roles, and the Action takes its roles from its own entry in the list', async () => {
    const { org } = await realisticOrg({ selfGrants: [{ roleId: 'role-admin', divisionId: '*' }] });
    const live = await org.readOrg();
    expect(live.self.grants).toEqual([expect.objectContaining({ role_id: 'role-admin', division_id: '*' })]);
  });

  it('refuses a new implicit (TOKEN) client with a Genesys error', async () => {
    const { org, emu } = await realisticOrg();
    const implicit = anEmulatorSpec('spa', {
      authorized_grant_type: 'TOKEN',
      registered_redirect_uris: ['https://spa/'],
      scopes: ['a'],
      roles: [],
    });
    await expect(org.createClient(implicit)).rejects.toMatchObject({ status: 400, code: 'invalid.grant.type' });
    expect(emu.listClients().map((c) => c.name)).not.toContain('spa');
  });
});

describe('single behaviours', () => {
  it('a list truncated below its total fails the read instead of planning from part of the org', async () => {
    const { org, emu } = await realisticOrg({
      clients: [{ name: 'a', authorizedGrantType: 'CODE', registeredRedirectUri: ['https://a/'] }],
    });
    emu.setFidelity({ listLimit: 1 });
    await expect(org.readOrg()).rejects.toThrow("Genesys listed 1 of the org's 2 OAuth clients");
  });

  it('drops the field that does not apply to the grant when asked to', async () => {
    const { org, emu, clock } = await realisticOrg({ fidelity: { dropInapplicableFields: true } });
    const { id } = await org.createClient(anEmulatorSpec('both', { scopes: ['stray'] }));
    clock.advance(2_000);
    expect(emu.getClient(id)?.scope).toEqual([]);
    expect((await org.readClient(id))?.roles).toHaveLength(1);
  });

  it('moves its clock when a test clock in another process says so, and only then', async () => {
    const clock = createVirtualClock();
    const emu = await start({ now: clock.now, advanceClock: clock.advance });
    const before = clock.now().getTime();
    const res = await fetch(`${emu.url}/__emulator/clock`, { method: 'POST', body: JSON.stringify({ advanceMs: 1_500 }) });
    expect(res.status).toBe(204);
    expect(clock.now().getTime() - before).toBe(1_500);
    const plain = await start();
    expect((await fetch(`${plain.url}/__emulator/clock`, { method: 'POST', body: '{"advanceMs":1}' })).status).toBe(404);
  });
});
