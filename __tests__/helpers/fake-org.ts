// An in-memory fake of our own GenesysConnection interface for the apply tests, with a call log to assert order and
// concurrency on, and hooks to make chosen writes fail or not stick.
import type {
  AuditLookup,
  ClientId,
  ClientSpec,
  DivisionId,
  LiveClient,
  LiveOrg,
  Plan,
  PlanAction,
  SecretDelivery,
  UsageDay,
} from '../../src/core/types.js';
import type { CreatedClient, GenesysConnection, IntegrationCredentialInfo } from '../../src/genesys/contract.js';
import { aSpec as aBaseSpec, SELF_ID } from './builders.js';

export interface FakeCall {
  method:
    | 'createClient'
    | 'updateClient'
    | 'deleteClient'
    | 'createIntegrationCredential'
    | 'updateIntegrationCredential'
    | 'resetClientSecret'
    | 'readOrg'
    | 'readClient';
  client?: string;
  phase: 'start' | 'end';
}

export class FakeOrg implements GenesysConnection {
  readonly clients = new Map<ClientId, LiveClient>();
  readonly calls: FakeCall[] = [];
  readonly credentials: { name: string; clientId: ClientId; secret: string }[] = [];
  /** Thrown by the write to the client of that name. */
  readonly failures = new Map<string, unknown>();
  /** Changes what is stored on a create or update, to simulate a write the API does not keep. */
  storeHook: (stored: LiveClient) => LiveClient = (stored) => stored;
  /** Names of clients whose delete returns without removing them. */
  readonly undeletable = new Set<string>();
  readOrgFailure: unknown;
  credentialFailure: unknown;
  inFlight = 0;
  maxInFlight = 0;
  private created = 0;
  private resets = 0;

  constructor(clients: LiveClient[] = []) {
    for (const client of clients) this.clients.set(client.id, client);
  }

  writesOf(method: FakeCall['method']): FakeCall[] {
    return this.calls.filter((call) => call.method === method && call.phase === 'start');
  }

  async readOrg(): Promise<LiveOrg> {
    this.calls.push({ method: 'readOrg', phase: 'start' });
    if (this.readOrgFailure !== undefined) throw this.readOrgFailure;
    return {
      clients: [...this.clients.values()].map((client) => structuredClone(client)),
      roles: [],
      divisions: [],
      homeDivision: { id: 'home' as DivisionId, name: 'Home' },
      self: { clientId: SELF_ID, clientName: 'oauth-sync', grants: [] },
    };
  }

  /** The clients of `readOrg` (a test that replaces `readOrg` changes both, as a real org's list is one list). */
  async listClients(): Promise<LiveClient[]> {
    return (await this.readOrg()).clients;
  }

  async readClient(id: ClientId): Promise<LiveClient | undefined> {
    this.calls.push({ method: 'readClient', phase: 'start' });
    return this.clients.get(id);
  }

  async createClient(spec: ClientSpec): Promise<CreatedClient> {
    return this.write('createClient', spec.name, () => {
      this.created += 1;
      const id = `client-${this.created}` as ClientId;
      this.clients.set(id, this.storeHook({ ...structuredClone(spec), id }));
      return { id, secret: `secret-of-${spec.name}` };
    });
  }

  async updateClient(id: ClientId, spec: ClientSpec): Promise<void> {
    return this.write('updateClient', spec.name, () => {
      this.clients.set(id, this.storeHook({ ...structuredClone(spec), id }));
    });
  }

  async deleteClient(id: ClientId, current: ClientSpec): Promise<void> {
    return this.write('deleteClient', current.name, () => {
      if (!this.undeletable.has(current.name)) this.clients.delete(id);
    });
  }

  async createIntegrationCredential(name: string, clientId: ClientId, secret: string): Promise<string> {
    return this.write('createIntegrationCredential', name, () => {
      if (this.credentialFailure !== undefined) throw this.credentialFailure;
      this.credentials.push({ name, clientId, secret });
      return `credential-${this.credentials.length}`;
    });
  }

  // Apply never audits; a check's extra reads are covered against the emulator.
  async readUserNames(): Promise<AuditLookup<Record<string, string>>> {
    return { kind: 'read', value: {} };
  }

  async readApiUsage(): Promise<AuditLookup<UsageDay[]>> {
    return { kind: 'read', value: [] };
  }

  async resetClientSecret(id: ClientId, name: string): Promise<string> {
    return this.write('resetClientSecret', name, () => {
      this.resets += 1;
      return `reset-${this.resets}-of-${id}`;
    });
  }

  async listIntegrationCredentials(): Promise<IntegrationCredentialInfo[]> {
    return this.credentials.map((credential, index) => ({ id: `credential-${index + 1}`, name: credential.name }));
  }

  async updateIntegrationCredential(credentialId: string, name: string, clientId: ClientId, secret: string): Promise<void> {
    return this.write('updateIntegrationCredential', name, () => {
      const index = Number(credentialId.replace('credential-', '')) - 1;
      this.credentials[index] = { name, clientId, secret };
    });
  }

  private async write<T>(method: FakeCall['method'], client: string, effect: () => T): Promise<T> {
    this.calls.push({ method, client, phase: 'start' });
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      // Yield a few turns so other writes, if the executor lets them, overlap with this one.
      for (let i = 0; i < 3; i += 1) await new Promise((resolve) => setImmediate(resolve));
      const failure = this.failures.get(client);
      if (failure !== undefined) throw failure;
      return effect();
    } finally {
      this.inFlight -= 1;
      this.calls.push({ method, client, phase: 'end' });
    }
  }
}

/** A web app by default: apply tests mostly create and update clients that need no roles. */
export function aSpec(overrides: Partial<ClientSpec> = {}): ClientSpec {
  return aBaseSpec({
    name: 'web-app',
    authorized_grant_type: 'CODE',
    registered_redirect_uris: ['https://example.com/callback'],
    scopes: ['users:readonly'],
    roles: [],
    ...overrides,
  });
}

export function aLiveClient(id: string, overrides: Partial<ClientSpec> = {}): LiveClient {
  return { ...aSpec(overrides), id: id as ClientId };
}

export function aCreate(name: string, delivery: Partial<SecretDelivery> = {}): PlanAction {
  return { kind: 'create', client: name, desired: aSpec({ name }), delivery: { expose_client_secret: false, ...delivery } };
}

export function anUpdate(name: string, id: string, desired: Partial<ClientSpec> = {}): PlanAction {
  return { kind: 'update', client: name, id: id as ClientId, changes: [], desired: aSpec({ name, ...desired }), current: aSpec({ name }) };
}

export function aDelete(name: string, id: string): PlanAction {
  return { kind: 'delete', client: name, id: id as ClientId, current: aSpec({ name }) };
}

export function aPlan(actions: PlanAction[]): Plan {
  return { version: 1, label: 'test', actions, unmanaged: [], problems: [], warnings: [], hash: 'hash' };
}
