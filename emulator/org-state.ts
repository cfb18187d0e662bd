// The emulated org: clients, roles, divisions, integration credentials and issued tokens, all in memory.
import {
  DEFAULT_CREDENTIALS,
  DEFAULT_DIVISIONS,
  DEFAULT_ORGANIZATION,
  DEFAULT_ROLES,
  DEFAULT_SELF_NAME,
  DEFAULT_VALIDITY_SECONDS,
  GRANT_TYPE_ALIASES,
} from './defaults.js';
import { AuditState } from './audit-state.js';
import { type IdKind, randomSecret, randomToken } from './ids.js';
import type { EmulatedClient, EmulatorOptions, EntityRef, IntegrationCredentialRecord, SeedClient } from './types.js';

export interface StoredCredential extends IntegrationCredentialRecord {
  createdDate: string;
  modifiedDate: string;
}

interface IssuedToken {
  clientId: string;
  expiresAt: number;
}

export interface Division {
  id: string;
  name: string;
  home: boolean;
}

export class OrgState {
  readonly roles: readonly { id: string; name: string }[];
  readonly divisions: readonly Division[];
  readonly homeDivision: Division;
  readonly organization: { id: string; name: string };
  readonly credentials: { clientId: string; clientSecret: string };
  readonly audit: AuditState;
  private readonly clients = new Map<string, EmulatedClient>();
  private readonly integrationCredentials = new Map<string, StoredCredential>();
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly issued: string[] = [];

  constructor(
    options: EmulatorOptions,
    private readonly nextId: (kind: IdKind) => string,
    readonly now: () => Date,
  ) {
    this.credentials = { ...(options.credentials ?? DEFAULT_CREDENTIALS) };
    this.audit = new AuditState(options);
    this.organization = { ...(options.organization ?? DEFAULT_ORGANIZATION) };
    this.roles = (options.roles ?? DEFAULT_ROLES).map((r) => ({ ...r }));
    this.divisions = (options.divisions ?? DEFAULT_DIVISIONS).map((d) => ({ id: d.id, name: d.name, home: d.home === true }));
    const home = this.divisions.find((d) => d.home) ?? this.divisions[0];
    if (!home) throw new Error('The emulated org needs at least one division.');
    home.home = true;
    this.homeDivision = home;
    this.seedClient({
      id: this.credentials.clientId,
      secret: this.credentials.clientSecret,
      name: options.selfName ?? DEFAULT_SELF_NAME,
      authorizedGrantType: 'CLIENT-CREDENTIALS',
      description: 'The client genesys-oauth-sync authenticates as.',
      roleDivisions: options.selfGrants ?? this.roles.map((r) => ({ roleId: r.id, divisionId: '*' })),
    });
    for (const client of options.clients ?? []) this.seedClient(client);
  }

  get selfId(): string {
    return this.credentials.clientId;
  }

  allClients(): EmulatedClient[] {
    return [...this.clients.values()];
  }

  client(id: string): EmulatedClient | undefined {
    return this.clients.get(id);
  }

  /** Seeds a client as made in the admin UI (by the first user), or as created through the API by `by`. */
  seedClient(seed: SeedClient, by?: string): EmulatedClient {
    const id = seed.id ?? this.nextId('client');
    if (this.clients.has(id)) throw new Error(`An OAuth client with id ${id} already exists in the emulated org.`);
    const at = this.now().toISOString();
    const record: EmulatedClient = {
      id,
      name: seed.name,
      description: seed.description ?? '',
      authorizedGrantType: GRANT_TYPE_ALIASES[seed.authorizedGrantType] ?? seed.authorizedGrantType,
      accessTokenValiditySeconds: seed.accessTokenValiditySeconds ?? DEFAULT_VALIDITY_SECONDS,
      registeredRedirectUri: [...(seed.registeredRedirectUri ?? [])],
      scope: [...(seed.scope ?? [])],
      roleDivisions: (seed.roleDivisions ?? []).map((g) => ({ roleId: g.roleId, divisionId: g.divisionId })),
      state: seed.state ?? 'active',
      secret: seed.secret ?? randomSecret(),
      dateCreated: seed.dateCreated ?? at,
      dateModified: seed.dateModified ?? seed.dateCreated ?? at,
      selfUri: `/api/v2/oauth/clients/${id}`,
    };
    const author = this.refTo(seed.modifiedBy ?? by ?? this.audit.adminId);
    if (author) {
      record.createdBy = author;
      record.modifiedBy = { ...author };
    }
    this.clients.set(id, record);
    return record;
  }

  /** Replaces a stored client as a PUT or a test edit does; the secret and creation date survive. */
  replaceClient(
    id: string,
    fields: Omit<EmulatedClient, 'id' | 'secret' | 'dateCreated' | 'dateModified' | 'selfUri' | 'createdBy' | 'modifiedBy'>,
    by?: string,
  ): EmulatedClient {
    const current = this.requireClient(id);
    const next: EmulatedClient = { ...current, ...fields, dateModified: this.now().toISOString(), modifiedBy: this.refTo(by) };
    this.clients.set(id, next);
    return next;
  }

  editClient(id: string, patch: Partial<SeedClient>): void {
    const current = this.requireClient(id);
    const { modifiedBy, ...fields } = patch;
    const defined = Object.fromEntries(Object.entries(fields).filter(([key, value]) => value !== undefined && key !== 'id'));
    const next: EmulatedClient = {
      ...current,
      ...structuredClone(defined),
      dateModified: patch.dateModified ?? this.now().toISOString(),
      modifiedBy: this.refTo(modifiedBy ?? this.audit.adminId),
    };
    next.authorizedGrantType = GRANT_TYPE_ALIASES[next.authorizedGrantType] ?? next.authorizedGrantType;
    this.clients.set(id, next);
  }

  regenerateSecret(id: string, by?: string): EmulatedClient {
    const current = this.requireClient(id);
    const next = { ...current, secret: randomSecret(), dateModified: this.now().toISOString(), modifiedBy: this.refTo(by) };
    this.clients.set(id, next);
    return next;
  }

  removeClient(id: string): void {
    this.requireClient(id);
    this.clients.delete(id);
  }

  /** Soft delete: the client stays, inactive, until `dateToDelete`. */
  scheduleDeletion(id: string, dateToDelete: string): EmulatedClient {
    const next: EmulatedClient = { ...this.requireClient(id), state: 'inactive', dateToDelete, dateModified: this.now().toISOString() };
    this.clients.set(id, next);
    return next;
  }

  login(clientId: string, clientSecret: string): { token: string; expiresIn: number } | undefined {
    const client = this.clients.get(clientId);
    if (!client || client.secret !== clientSecret) return undefined;
    if (client.authorizedGrantType !== 'CLIENT-CREDENTIALS' || client.state !== 'active') return undefined;
    const token = randomToken();
    const expiresIn = client.accessTokenValiditySeconds;
    this.tokens.set(token, { clientId, expiresAt: this.now().getTime() + expiresIn * 1000 });
    return { token, expiresIn };
  }

  /** The client a bearer token was issued to, while the token is valid; disabled or deleted clients lose their tokens. */
  callerOf(token: string | undefined): EmulatedClient | undefined {
    if (token === undefined) return undefined;
    const issued = this.tokens.get(token);
    if (!issued || issued.expiresAt <= this.now().getTime()) return undefined;
    const client = this.clients.get(issued.clientId);
    return client && client.state !== 'disabled' ? client : undefined;
  }

  revokeTokens(): void {
    this.issued.push(...this.tokens.keys());
    this.tokens.clear();
  }

  /** Every access token ever issued, for tests that scan their output for secrets. */
  issuedTokens(): string[] {
    return [...this.issued, ...this.tokens.keys()];
  }

  role(id: string): { id: string; name: string } | undefined {
    return this.roles.find((r) => r.id === id);
  }

  division(id: string): Division | undefined {
    return this.divisions.find((d) => d.id === id);
  }

  addCredential(name: string, type: string, fields: Record<string, string>, at = this.now().toISOString()): StoredCredential {
    const credential = { id: this.nextId('credential'), name, type, fields: { ...fields }, createdDate: at, modifiedDate: at };
    this.integrationCredentials.set(credential.id, credential);
    return credential;
  }

  /** Replaces a credential's name, type and fields, as `PUT /api/v2/integrations/credentials/{id}` does. */
  replaceCredential(id: string, name: string, type: string, fields: Record<string, string>): StoredCredential {
    const current = this.integrationCredentials.get(id);
    if (!current) throw new Error(`The emulated org has no credential with id ${id}.`);
    const next = { ...current, name, type, fields: { ...fields }, modifiedDate: this.now().toISOString() };
    this.integrationCredentials.set(id, next);
    return next;
  }

  credential(id: string): StoredCredential | undefined {
    return this.integrationCredentials.get(id);
  }

  removeCredential(id: string): boolean {
    return this.integrationCredentials.delete(id);
  }

  allCredentials(): StoredCredential[] {
    return [...this.integrationCredentials.values()];
  }

  /** A `createdBy`/`modifiedBy` reference to a user or, failing that, an OAuth client. */
  private refTo(id: string | undefined): EntityRef | undefined {
    if (id === undefined) return undefined;
    return { id, selfUri: this.audit.user(id) ? `/api/v2/users/${id}` : `/api/v2/oauth/clients/${id}` };
  }

  private requireClient(id: string): EmulatedClient {
    const client = this.clients.get(id);
    if (!client) throw new Error(`The emulated org has no OAuth client with id ${id}.`);
    return client;
  }
}
