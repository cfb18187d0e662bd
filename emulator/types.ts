// The public surface of the Genesys Cloud emulator. Shapes follow the Platform API (camelCase), not our own types,
// because the emulator stands in for the org, not for the Action.

/** `deleted`: removed a moment ago and still read that way for a while (see realism.ts). */
import type { Fidelity, ProfileName } from './realism.js';

export type EmulatedState = 'active' | 'inactive' | 'disabled' | 'deleted';

export interface RoleDivision {
  roleId: string;
  divisionId: string;
}

export interface EmulatorOptions {
  /** The Action's own client; default id 'action-client-id', secret 'action-client-secret'. */
  credentials?: { clientId: string; clientSecret: string };
  /** Name of that own OAuth client in the org; default 'genesys-oauth-sync'. */
  selfName?: string;
  /** Its roleDivisions; default: every seeded role in division '*'. */
  selfGrants?: RoleDivision[];
  roles?: { id: string; name: string }[];
  divisions?: { id: string; name: string; home?: boolean }[];
  /** Seeded OAuth clients, in addition to the own client. */
  clients?: SeedClient[];
  /** Added to every response. */
  latencyMs?: number;
  /** How the emulator waits (latency, delayed faults); default real time, cut short by `close()`. */
  sleep?: (ms: number) => Promise<void>;
  /** Per access token; beyond it: 429 + Retry-After. `/oauth/token` is exempt. */
  rateLimit?: { requests: number; windowMs: number };
  /** List entities lack authorizedGrantType (the API before early 2026). */
  legacyListing?: boolean;
  now?: () => Date;
  /** Moves `now` on; with it, `POST /__emulator/clock {"advanceMs": n}` lets a test-only clock in another process move it. */
  advanceClock?: (ms: number) => void;
  /** How faithfully the emulator plays Genesys (lag, soft delete, …); default `strict`. See realism.ts. */
  profile?: ProfileName;
  /** Single behaviours on top of the profile. */
  fidelity?: Partial<Fidelity>;
  /** Port to listen on (127.0.0.1); default 0, an ephemeral port. */
  port?: number;
  /** The org the tokens belong to; default `{ id: 'e0000000-0000-4000-8000-000000000001', name: 'Emulated Org' }`. */
  organization?: { id: string; name: string };
  /** People of the org (`GET /api/v2/users`); the first one makes the admin UI edits of `editClient`. Default: Jane Doe. */
  users?: EmulatedUser[];
  /** API use by client and day, before any request of the test (clients' own requests are counted as they come). */
  usage?: UsageSeed[];
  /** How many reads of a usage query's results answer `Running` before it completes; default 0. */
  usageQueryPendingReads?: number;
  /** Permissions the Action's client lacks (`directory:user:view`, `usage:api:view`): those routes answer 403. */
  deniedPermissions?: string[];
}

export interface EmulatedUser {
  id: string;
  name: string;
  email?: string;
}

export interface UsageSeed {
  clientId: string;
  /** Any instant of the day (ISO 8601). */
  date: string;
  /** Default 1. */
  requests?: number;
}

/** The API's DomainEntityRef, as `createdBy` and `modifiedBy` carry it. */
export interface EntityRef {
  id: string;
  selfUri?: string;
}

export interface SeedClient {
  id?: string;
  name: string;
  authorizedGrantType: string;
  description?: string;
  accessTokenValiditySeconds?: number;
  registeredRedirectUri?: string[];
  scope?: string[];
  roleDivisions?: RoleDivision[];
  state?: EmulatedState;
  dateCreated?: string;
  /** Default: `dateCreated`. */
  dateModified?: string;
  /** Who last changed it (a user or an OAuth client id); for `editClient`, default the first user (an admin UI edit). */
  modifiedBy?: string;
  /** Default: a random secret. */
  secret?: string;
}

/** A client as the emulated org stores it: the API's OAuthClient, secret included. */
export interface EmulatedClient {
  id: string;
  name: string;
  description: string;
  authorizedGrantType: string;
  accessTokenValiditySeconds: number;
  registeredRedirectUri: string[];
  scope: string[];
  roleDivisions: RoleDivision[];
  state: EmulatedState;
  secret: string;
  dateCreated: string;
  dateModified: string;
  createdBy?: EntityRef;
  modifiedBy?: EntityRef;
  selfUri: string;
  /** Set while a deleted client older than 30 days is kept inactive before its removal (soft delete). */
  dateToDelete?: string;
}

export interface RequestLogEntry {
  method: string;
  /** The path without query, as sent (still percent-encoded). */
  path: string;
  /** Query parameters as sent; repeated keys are comma-joined like the SDK joins arrays. */
  query: Record<string, string>;
  /** -1 while the request is in flight, 0 when the connection was dropped. */
  status: number;
  /** Arrival time, from the emulator's clock (epoch ms). */
  at: number;
  /** Whether the request carried a valid bearer token. */
  tokenOk: boolean;
}

export interface FaultRule {
  /** Default: any method. */
  method?: string;
  /** Matched against the path without query; a string must match exactly. Default: any path. */
  path?: string | RegExp;
  /** 0 means "destroy the socket" (connection dropped). */
  status: number;
  /** How many matching requests fail; default 1; Infinity allowed. */
  times?: number;
  /** Sent as Retry-After; 429 defaults to 1. */
  retryAfterSeconds?: number;
  /** Default: a Genesys ErrorBody for the status. `''` sends an empty body. */
  body?: unknown;
  /** Hang this long before answering (for timeout tests). */
  delayMs?: number;
  /** Apply the request normally first, then drop the connection or fail ("did it land?" tests). */
  afterResponse?: boolean;
}

export interface IntegrationCredentialRecord {
  id: string;
  name: string;
  type: string;
  fields: Record<string, string>;
  /** When it was last written (ISO-8601): a rotation dates a secret by it. */
  modifiedDate?: string;
}

export interface Emulator {
  /** 'http://127.0.0.1:<port>' */
  url: string;
  credentials: { clientId: string; clientSecret: string };
  /** Every request, in order of arrival (login included). */
  readonly requests: RequestLogEntry[];
  resetLog(): void;
  /** Requests with method POST/PUT/PATCH/DELETE, except the login and the usage query (POSTs that change nothing). */
  writes(): RequestLogEntry[];
  inject(rule: FaultRule): void;
  clearFaults(): void;
  setLatency(ms: number): void;
  setRateLimit(limit?: { requests: number; windowMs: number }): void;
  /** Full records incl. secret (copies: mutate through editClient). */
  listClients(): EmulatedClient[];
  getClient(id: string): EmulatedClient | undefined;
  seedClient(c: SeedClient): EmulatedClient;
  /** An edit in the admin UI, by `patch.modifiedBy` or else the org's first user. */
  editClient(id: string, patch: Partial<SeedClient>): void;
  /** Turns single behaviours of realism.ts on or off from now on. */
  setFidelity(overrides: Partial<Fidelity>): void;
  /** Counts API requests a client made on a day (for clients nobody uses). */
  recordUsage(clientId: string, date: string, requests?: number): void;
  removeClient(id: string): void;
  integrationCredentials(): IntegrationCredentialRecord[];
  /** Adds a credential as if written at `modifiedDate` (default now). */
  seedCredential(credential: Omit<IntegrationCredentialRecord, 'id'>): IntegrationCredentialRecord;
  /** Invalidates every access token issued so far (a token that expired mid-run). */
  revokeTokens(): void;
  /** Every access token issued so far (sentinel scans). */
  issuedTokens(): string[];
  close(): Promise<void>;
}
