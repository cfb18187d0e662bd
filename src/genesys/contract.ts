// The contract between the Action and the Genesys module. Only src/genesys/ imports the SDK; callers see these types.
import type { AuditLookup, ClientId, ClientSpec, LiveClient, LiveOrg, UsageDay } from '../core/types.js';

/** How the user names each connection setting, for messages that say what to check: inputs, or flags and env. */
export interface SettingNames {
  clientId: string;
  clientSecret: string;
  region: string;
  apiUrl: string;
}

/** The Action's names; the CLI passes its own. */
export const INPUT_NAMES: SettingNames = {
  clientId: 'input `genesys-client-id` or env `GENESYSCLOUD_OAUTHCLIENT_ID`',
  clientSecret: 'input `genesys-client-secret` or env `GENESYSCLOUD_OAUTHCLIENT_SECRET`',
  region: 'input `genesys-region` or env `GENESYSCLOUD_REGION`',
  apiUrl: 'input `genesys-api-url` or env `GENESYSCLOUD_API_URL`',
};

export interface GenesysOptions {
  /** How the user set each connection setting; default the Action's inputs. */
  names?: SettingNames;
  clientId: string;
  clientSecret: string;
  /** Region key (`eu-west-1`) or domain (`mypurecloud.ie`); default `us-east-1`. Ignored when `apiUrl` is set. */
  region?: string;
  /** Full base URL override (gateways, the emulator); login goes to the same origin. */
  apiUrl?: string;
  /** Called with every secret the moment it is known (own secret, Basic header value, token, created secrets). */
  onSecret: (value: string) => void;
  /** Per-request timeout; default 30 000 ms. */
  timeoutMs?: number;
  /** Injected so retry tests never wait on a real clock. */
  sleep?: (ms: number) => Promise<void>;
  /** The clock `sleep` moves (epoch ms), for pacing under the rate limit; default real time. */
  now?: () => number;
  /** Writes in flight at once during apply; default 4. */
  concurrency?: number;
}

export interface CreatedClient {
  id: ClientId;
  /** Returned once by Genesys; already passed to `onSecret`. */
  secret: string;
}

/** An integration credential that holds an OAuth client's id and secret (type `pureCloudOAuthClient`). */
export interface IntegrationCredentialInfo {
  id: string;
  name: string;
  /** ISO-8601: when it was last written, which dates the secret it holds. */
  modifiedDate?: string;
}

/** An authenticated connection to one org. */
export interface GenesysConnection {
  /** Login, `tokens/me`, one client list, role and division pages, the home division: never one request per client. */
  readOrg(): Promise<LiveOrg>;
  /** The clients alone, in one list: a second look after writes, without reading roles and divisions again. */
  listClients(): Promise<LiveClient[]>;
  /** One client by id, or undefined when it does not exist (404). */
  readClient(id: ClientId): Promise<LiveClient | undefined>;
  createClient(spec: ClientSpec): Promise<CreatedClient>;
  updateClient(id: ClientId, spec: ClientSpec): Promise<void>;
  /** Sets the client inactive when it is not, then deletes it; an already-gone client counts as deleted. */
  deleteClient(id: ClientId, current: ClientSpec): Promise<void>;
  /** Creates an integration credential of type `pureCloudOAuthClient`; returns its id. */
  createIntegrationCredential(name: string, clientId: ClientId, secret: string): Promise<string>;
  /** Names of users by id, in one request (per 100 ids); a refusal comes back as `unavailable`. */
  readUserNames(ids: readonly string[]): Promise<AuditLookup<Record<string, string>>>;
  /** API requests by client and day in the window: one usage query and its results; a refusal is `unavailable`. */
  readApiUsage(window: { start: Date; end: Date }): Promise<AuditLookup<UsageDay[]>>;
  /** Resets a client's secret (the old one stops working at once) and returns the new one, already passed to `onSecret`. */
  resetClientSecret(id: ClientId, name: string): Promise<string>;
  /** The `pureCloudOAuthClient` integration credentials, in a constant number of requests. */
  listIntegrationCredentials(): Promise<IntegrationCredentialInfo[]>;
  updateIntegrationCredential(credentialId: string, name: string, clientId: ClientId, secret: string): Promise<void>;
}
