import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { executePlan, type ExecuteOptions } from '../../src/apply/execute-plan.js';
import type { DeliveredSecret } from '../../src/apply/secrets.js';
import type { ClientId, PlanAction } from '../../src/core/types.js';
import { GenesysApiError } from '../../src/genesys/api-error.js';
import { SELF_ID } from '../helpers/builders.js';
import { aCreate, aDelete, aLiveClient, anUpdate, aPlan, FakeOrg } from '../helpers/fake-org.js';

let workspace: string;
let lines: string[];
let delivered: DeliveredSecret[];
let masked: string[];

function lastIndexWhere<T>(items: readonly T[], predicate: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i -= 1) if (predicate(items[i] as T)) return i;
  return -1;
}

function optionsWith(overrides: Partial<ExecuteOptions> = {}): ExecuteOptions {
  return {
    concurrency: 4,
    workspace,
    onSecret: (value) => masked.push(value),
    deliverSecret: (secret) => delivered.push(secret),
    log: (line) => lines.push(line),
    // The read-back's waits pass on a clock of their own: no test waits on a real one.
    clock: { now: () => fakeNow, sleep: async (ms) => void (fakeNow += ms) },
    ...overrides,
  };
}

let fakeNow = 0;

beforeEach(async () => {
  workspace = await mkdtemp(path.join(os.tmpdir(), 'apply-execute-'));
  lines = [];
  delivered = [];
  masked = [];
});

afterEach(async () => {
  await rm(workspace, { recursive: true, force: true });
});

describe('executePlan', () => {
  it('finishes every create and update before it starts any delete', async () => {
    const org = new FakeOrg([aLiveClient('u1', { name: 'u1' }), aLiveClient('d1', { name: 'd1' }), aLiveClient('d2', { name: 'd2' })]);
    const plan = aPlan([
      aDelete('d1', 'd1'),
      aCreate('c1'),
      anUpdate('u1', 'u1', { description: 'new' }),
      aDelete('d2', 'd2'),
      aCreate('c2'),
    ]);

    await executePlan(plan, org, optionsWith({ concurrency: 3 }));

    const writes = org.calls.filter((call) => call.method !== 'readOrg');
    const lastCreateOrUpdateEnd = lastIndexWhere(writes, (c) => c.phase === 'end' && c.method !== 'deleteClient');
    const firstDeleteStart = writes.findIndex((c) => c.phase === 'start' && c.method === 'deleteClient');
    expect(org.writesOf('deleteClient')).toHaveLength(2);
    expect(org.writesOf('createClient')).toHaveLength(2);
    expect(firstDeleteStart).toBeGreaterThan(lastCreateOrUpdateEnd);
  });

  it.each([1, 3, 5])('never has more than %i writes in flight, and uses that many', async (concurrency) => {
    const org = new FakeOrg();
    const plan = aPlan(Array.from({ length: 20 }, (_, i) => aCreate(`client-${i}`)));

    const result = await executePlan(plan, org, optionsWith({ concurrency }));

    expect(org.maxInFlight).toBe(concurrency);
    expect(result.outcomes.filter((o) => o.kind === 'created')).toHaveLength(20);
  });

  it('keeps going when one client fails and reports the Genesys error of that client', async () => {
    const org = new FakeOrg([aLiveClient('u1', { name: 'u1' }), aLiveClient('d1', { name: 'd1' })]);
    org.failures.set('u1', new GenesysApiError({ status: 400, code: 'bad.request', message: 'Scope is invalid', correlationId: 'corr-1' }));
    const plan = aPlan([aCreate('c1'), anUpdate('u1', 'u1', { description: 'x' }), aCreate('c2'), aDelete('d1', 'd1')]);

    const result = await executePlan(plan, org, optionsWith({ concurrency: 1 }));

    expect(result.outcomes).toEqual([
      expect.objectContaining({ kind: 'created', client: 'c1' }),
      {
        kind: 'failed',
        client: 'u1',
        action: 'update',
        id: 'u1',
        error: { status: 400, code: 'bad.request', message: 'Scope is invalid', correlationId: 'corr-1' },
      },
      expect.objectContaining({ kind: 'created', client: 'c2' }),
      { kind: 'deleted', client: 'd1', id: 'd1' },
    ]);
    expect(lines.some((line) => line.includes('u1') && line.includes('Scope is invalid'))).toBe(true);
  });

  it('reports a thrown value that is not an Error without its content', async () => {
    const org = new FakeOrg();
    org.failures.set('c1', { config: { headers: { Authorization: 'Bearer leaked-token' } } });

    const result = await executePlan(aPlan([aCreate('c1')]), org, optionsWith());

    expect(result.outcomes[0]).toMatchObject({ kind: 'failed', client: 'c1', action: 'create' });
    expect(result.outcomes[0]).not.toHaveProperty('id');
    expect(JSON.stringify(result)).not.toContain('leaked-token');
    expect(lines.join('\n')).not.toContain('leaked-token');
  });

  it('lists written clients the org did not keep as asked as unconverged', async () => {
    const org = new FakeOrg([aLiveClient('u1', { name: 'u1' }), aLiveClient('u2', { name: 'u2' }), aLiveClient('d1', { name: 'd1' })]);
    org.storeHook = (stored) => (stored.name === 'u2' || stored.name === 'c2' ? { ...stored, scopes: [] } : stored);
    org.undeletable.add('d1');
    const plan = aPlan([
      aCreate('c1'),
      aCreate('c2'),
      anUpdate('u1', 'u1', { description: 'kept' }),
      anUpdate('u2', 'u2', { description: 'scopes dropped' }),
      aDelete('d1', 'd1'),
    ]);

    const result = await executePlan(plan, org, optionsWith());

    expect(result.unconverged.sort()).toEqual(['c2', 'd1', 'u2']);
  });

  it('reports a client it created that another live client shares the name of (a racing apply), and only those', async () => {
    const org = new FakeOrg([aLiveClient('other-c1', { name: 'c1' })]);
    const plan = aPlan([aCreate('c1'), aCreate('c2')]);

    const result = await executePlan(plan, org, optionsWith());

    const created = result.outcomes.find((outcome) => outcome.client === 'c1');
    expect(result.duplicates).toEqual([{ client: 'c1', id: created?.kind === 'created' ? created.id : '', others: ['other-c1'] }]);
    expect(lines.join('\n')).toContain('`c1` exists twice after creating it (also other-c1).');
    expect((await executePlan(aPlan([aCreate('c3')]), new FakeOrg(), optionsWith())).duplicates).toBeUndefined();
  });

  it('reads the org back with one readOrg and no per-client reads', async () => {
    const org = new FakeOrg([aLiveClient('u1', { name: 'u1' }), aLiveClient('d1', { name: 'd1' })]);
    const plan = aPlan([aCreate('c1'), aCreate('c2'), anUpdate('u1', 'u1', { description: 'x' }), aDelete('d1', 'd1')]);

    await executePlan(plan, org, optionsWith());

    const lastWrite = lastIndexWhere(org.calls, (call) => call.method !== 'readOrg');
    expect(org.calls.slice(lastWrite + 1).filter((call) => call.method === 'readOrg')).toHaveLength(1);
    expect(org.writesOf('readClient')).toHaveLength(0);
  });

  it('makes no call at all for a plan of noops', async () => {
    const org = new FakeOrg([aLiveClient('n1', { name: 'n1' })]);
    const plan = aPlan([{ kind: 'noop', client: 'n1', id: 'n1' as ClientId }]);

    const result = await executePlan(plan, org, optionsWith());

    expect(org.calls).toEqual([]);
    expect(result).toEqual({ outcomes: [], unconverged: [] });
    expect(lines).toEqual(['Nothing to apply.']);
  });

  it('refuses to update or delete the client it authenticates as', async () => {
    const org = new FakeOrg([aLiveClient(SELF_ID, { name: 'oauth-sync' })]);
    const plan = aPlan([anUpdate('oauth-sync', SELF_ID, { description: 'x' }), aDelete('oauth-sync', SELF_ID)]);

    const result = await executePlan(plan, org, optionsWith());

    expect(org.writesOf('updateClient')).toHaveLength(0);
    expect(org.writesOf('deleteClient')).toHaveLength(0);
    expect(result.outcomes.map((o) => o.kind)).toEqual(['failed', 'failed']);
    expect(result.outcomes[0]).toMatchObject({ error: { message: expect.stringContaining('authenticates as') } });
  });

  it('reports a client whose secret could not be delivered as created, with the delivery failure beside it', async () => {
    const org = new FakeOrg();
    const plan = aPlan([aCreate('c1', { directory_client_secret: '../outside', expose_client_secret: true })]);

    const result = await executePlan(plan, org, optionsWith());

    expect(result.outcomes).toEqual([
      {
        kind: 'created',
        client: 'c1',
        id: 'client-1',
        secretDeliveredTo: ['output'],
        deliveryFailures: [{ channel: 'file', error: { message: expect.stringContaining('outside the workspace') } }],
      },
    ]);
    expect(masked).toEqual(['secret-of-c1']);
    expect(delivered).toEqual([{ client: 'c1', clientId: 'client-1', secret: 'secret-of-c1' }]);
    expect(result.unconverged).toEqual([]);
    expect(lines.filter((line) => line.startsWith('Could not deliver'))).toEqual([
      expect.stringMatching(/^Could not deliver the secret of `c1` to file: .*outside the workspace/),
    ]);
  });

  it('cuts a created secret out of a later error message', async () => {
    const org = new FakeOrg();
    org.failures.set('c2', new Error('echo of secret-of-c1 from a confused server'));

    const result = await executePlan(aPlan([aCreate('c1'), aCreate('c2')]), org, optionsWith({ concurrency: 1 }));

    expect(result.outcomes[1]).toMatchObject({ kind: 'failed', error: { message: 'echo of *** from a confused server' } });
    expect(lines.join('\n')).not.toContain('secret-of-c1');
  });

  it('lists every written client as unconverged when the read-back fails, with the reason', async () => {
    const org = new FakeOrg([aLiveClient('u1', { name: 'u1' })]);
    const plan = aPlan([aCreate('c1'), anUpdate('u1', 'u1', { description: 'x' })]);
    const readOrg = org.readOrg.bind(org);
    let reads = 0;
    org.readOrg = async () => {
      reads += 1;
      if (reads > 1) throw new GenesysApiError({ status: 503, message: 'Service unavailable' });
      return readOrg();
    };

    const result = await executePlan(plan, org, optionsWith());

    expect(result.outcomes.map((o) => o.kind)).toEqual(['created', 'updated']);
    expect(result.unconverged).toEqual(['c1', 'u1']);
    expect(result.readBackError).toMatchObject({ status: 503, message: 'Service unavailable' });
    expect(lines).toContain('Could not read the clients back to confirm the apply: Service unavailable');
  });

  it('lists only the clients it wrote, not the ones that failed, as unconverged when the read-back fails', async () => {
    const org = new FakeOrg([aLiveClient('u1', { name: 'u1' })]);
    org.failures.set('u1', new Error('refused'));
    const readOrg = org.readOrg.bind(org);
    org.readOrg = async () => {
      if (org.writesOf('createClient').length > 0) throw new Error('down');
      return readOrg();
    };

    const result = await executePlan(aPlan([aCreate('c1'), anUpdate('u1', 'u1', { description: 'x' })]), org, optionsWith());

    expect(result.outcomes.map((o) => o.kind)).toEqual(['created', 'failed']);
    expect(result.unconverged).toEqual(['c1']);
  });

  it('reads nothing back when every write failed: those clients are failures, not unconverged', async () => {
    const org = new FakeOrg([aLiveClient('u1', { name: 'u1' })]);
    org.failures.set('c1', new Error('refused'));
    org.failures.set('u1', new Error('refused'));

    const plan = aPlan([aCreate('c1'), anUpdate('u1', 'u1', { description: 'x' })]);

    const result = await executePlan(plan, org, optionsWith({ selfId: SELF_ID }));

    expect(result.outcomes.map((o) => o.kind)).toEqual(['failed', 'failed']);
    expect(result.unconverged).toEqual([]);
    expect(result).not.toHaveProperty('duplicates');
    expect(org.writesOf('readOrg')).toEqual([]);
  });

  it('logs each write before and after it, naming the client and the id of a created one', async () => {
    const org = new FakeOrg([aLiveClient('u1', { name: 'u1' }), aLiveClient('d1', { name: 'd1' })]);
    const plan = aPlan([aCreate('c1'), anUpdate('u1', 'u1', { description: 'x' }), aDelete('d1', 'd1')]);

    await executePlan(plan, org, optionsWith({ concurrency: 1 }));

    expect(lines).toEqual([
      'Creating `c1`.',
      'Created `c1` (id client-1).',
      'Updating `u1`.',
      'Updated `u1`.',
      'Deleting `d1`.',
      'Deleted `d1`.',
    ]);
  });

  it('reports a created client whose secret reached every channel asked for with nothing else beside it', async () => {
    const result = await executePlan(aPlan([aCreate('c1', { expose_client_secret: true })]), new FakeOrg(), optionsWith());

    expect(result.outcomes).toStrictEqual([{ kind: 'created', client: 'c1', id: 'client-1', secretDeliveredTo: ['output'] }]);
  });

  it("reports the integration credential a created client's secret went to", async () => {
    const org = new FakeOrg();

    const result = await executePlan(aPlan([aCreate('c1', { integration_credential_name: 'c1-credential' })]), org, optionsWith());

    expect(result.outcomes).toStrictEqual([
      {
        kind: 'created',
        client: 'c1',
        id: 'client-1',
        integrationCredentialId: 'credential-1',
        secretDeliveredTo: ['integration-credential'],
      },
    ]);
    expect(org.credentials).toEqual([{ name: 'c1-credential', clientId: 'client-1', secret: 'secret-of-c1' }]);
  });

  it('resets the secret of a client whose lasting channel lost it and delivers the new one, but never its own', async () => {
    const org = new FakeOrg([aLiveClient('r1', { name: 'r1' }), aLiveClient(SELF_ID, { name: 'oauth-sync' })]);
    const reset = (client: string, id: ClientId): PlanAction => ({
      kind: 'reset-secret',
      client,
      id,
      missing: ['integration-credential'],
      delivery: { expose_client_secret: true, integration_credential_name: `${client}-credential` },
    });

    const result = await executePlan(aPlan([reset('r1', 'r1' as ClientId), reset('oauth-sync', SELF_ID)]), org, optionsWith());

    expect(result.outcomes).toEqual([
      { kind: 'secret-reset', client: 'r1', id: 'r1', secretDeliveredTo: ['output', 'integration-credential'] },
      expect.objectContaining({ kind: 'failed', client: 'oauth-sync', action: 'reset-secret', id: SELF_ID }),
    ]);
    expect(org.credentials).toEqual([{ name: 'r1-credential', clientId: 'r1', secret: 'reset-1-of-r1' }]);
    expect(masked).toEqual(['reset-1-of-r1']);
    expect(delivered).toEqual([{ client: 'r1', clientId: 'r1', secret: 'reset-1-of-r1' }]);
    expect(org.writesOf('resetClientSecret')).toHaveLength(1);
    expect(result.unconverged).toEqual([]);
  });
});

describe('the read-back after executePlan', () => {
  /** Records the waits and the ids read one by one. */
  function watch(org: FakeOrg): { sleeps: number[]; reads: string[]; clock: ExecuteOptions['clock'] } {
    const sleeps: number[] = [];
    const reads: string[] = [];
    const readClient = org.readClient.bind(org);
    org.readClient = async (id) => {
      reads.push(id);
      return readClient(id);
    };
    let now = 0;
    const sleep = async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    };
    return { sleeps, reads, clock: { now: () => now, sleep } };
  }

  it('re-reads only the clients that do not match yet, and names each one that never does', async () => {
    const org = new FakeOrg();
    org.storeHook = (stored) => (stored.name === 'c2' ? { ...stored, scopes: [] } : stored);
    const { reads, clock } = watch(org);

    const result = await executePlan(aPlan([aCreate('c1'), aCreate('c2')]), org, optionsWith({ clock, readBackMs: 250 }));

    expect(result.unconverged).toEqual(['c2']);
    expect(reads).toEqual(['client-2']);
    expect(lines).toContain('`c2` does not match its definition after applying.');
  });

  it.each([
    [249, []],
    [250, [250]],
    [749, [250]],
    [750, [250, 500]],
  ])('with a bound of %i ms waits %j: a wait that ends exactly at the bound is still taken', async (readBackMs, waits) => {
    const org = new FakeOrg();
    org.storeHook = (stored) => ({ ...stored, scopes: [] });
    const { sleeps, clock } = watch(org);

    const result = await executePlan(aPlan([aCreate('c1')]), org, optionsWith({ clock, readBackMs }));

    expect(sleeps).toEqual(waits);
    expect(result.unconverged).toEqual(['c1']);
  });

  it('counts a client set inactive that reads back inactive as converged', async () => {
    const org = new FakeOrg([aLiveClient('u1', { name: 'u1' })]);

    const result = await executePlan(aPlan([anUpdate('u1', 'u1', { state: 'inactive' })]), org, optionsWith());

    expect(org.clients.get('u1' as ClientId)?.state).toBe('inactive');
    expect(result.unconverged).toEqual([]);
  });

  it('counts a written client that reads back disabled by Genesys support as not converged', async () => {
    const org = new FakeOrg([aLiveClient('u1', { name: 'u1' })]);
    org.storeHook = (stored) => ({ ...stored, state: 'disabled' });

    const result = await executePlan(aPlan([aCreate('c1'), anUpdate('u1', 'u1', { description: 'x' })]), org, optionsWith());

    expect(result.unconverged).toEqual(['c1', 'u1']);
  });

  it('names every other copy of a client it created', async () => {
    const org = new FakeOrg([aLiveClient('rival-1', { name: 'c1' }), aLiveClient('rival-2', { name: 'c1' })]);

    const result = await executePlan(aPlan([aCreate('c1')]), org, optionsWith());

    expect(result.duplicates).toEqual([{ client: 'c1', id: 'client-1', others: ['rival-1', 'rival-2'] }]);
    expect(lines).toContain('`c1` exists twice after creating it (also rival-1, rival-2).');
  });

  describe('without a clock of its own', () => {
    beforeEach(() => {
      vi.useFakeTimers({ toFake: ['Date', 'setTimeout'] });
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    it('waits in real time between the reads, until the org shows what was written', async () => {
      const org = new FakeOrg();
      // The org lags: the created client shows only a quarter of a second after the read-back first lists the org.
      let shown = Number.POSITIVE_INFINITY;
      let readBackStarted = 0;
      const readOrg = org.readOrg.bind(org);
      org.readOrg = async () => {
        if (shown === Number.POSITIVE_INFINITY) [readBackStarted, shown] = [Date.now(), Date.now() + 250];
        const live = await readOrg();
        return Date.now() >= shown ? live : { ...live, clients: [] };
      };
      const readClient = org.readClient.bind(org);
      let reads = 0;
      org.readClient = async (id) => {
        // Reading again and again without waiting would never end: a wait that takes no time fails the read-back.
        reads += 1;
        if (reads > 10) throw new Error('read again without waiting');
        return Date.now() >= shown ? readClient(id) : undefined;
      };

      let result: Awaited<ReturnType<typeof executePlan>> | undefined;
      const applying = executePlan(aPlan([aCreate('c1')]), org, optionsWith({ clock: undefined, selfId: SELF_ID }));
      void applying.then((settled) => void (result = settled));
      // The fake org's writes take turns of the event loop; the read-back's waits are the only timers.
      for (let turn = 0; turn < 100 && result === undefined; turn += 1) {
        await new Promise((resolve) => setImmediate(resolve));
        await vi.advanceTimersToNextTimerAsync();
      }

      expect(result?.unconverged).toEqual([]);
      expect(Date.now() - readBackStarted).toBe(250);
    });
  });
});
