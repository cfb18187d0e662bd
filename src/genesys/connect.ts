// The only door to Genesys: a private SDK client (never the process-wide singleton), cleared of whatever a
// `~/.genesyscloudjavascript/config` file may have set (a gateway there would receive our credentials), pointed at
// the region or URL explicitly, with our own transport, logged in once.
import platformClient from 'purecloud-platform-client-v2';
import type { ClientId, ClientSpec } from '../core/types.js';
import { createSlots } from '../core/bounded.js';
import { createCall, SecretKeeper, type SdkContext, type Session } from './sdk-context.js';
import { toLoginError } from './errors.js';
import { ActionHttpClient, DEFAULT_TIMEOUT_MS } from './http.js';
import { createRateLimiter } from './rate-limiter.js';
import { readApiUsage, readUserNames, type UsageWindow } from './read-audit.js';
import { readClients, readOrg } from './read-org.js';
import { problemWithApiUrl, resolveRegionDomain } from './regions.js';
import { GenesysApiError } from './api-error.js';
import type { GenesysConnection, GenesysOptions } from './contract.js';
import { createClient, createIntegrationCredential, deleteClient, readClient, updateClient } from './write-org.js';
import { listIntegrationCredentials, resetClientSecret, updateIntegrationCredential } from './secret-ops.js';

export const DEFAULT_WRITE_CONCURRENCY = 4;
/** Log in again when the token has less than this left, rather than fail mid-apply. */
const TOKEN_RENEWAL_MARGIN_MS = 60_000;

/** Logs in with client credentials and returns the org's read and write operations. */
export async function connectGenesys(options: GenesysOptions): Promise<GenesysConnection> {
  const secrets = new SecretKeeper(options.onSecret);
  secrets.add(options.clientSecret);
  secrets.add(Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64'));

  const apiClient = createApiClient(options);
  const session = createSession(apiClient, options, secrets);
  await session.relogin();

  const conn: SdkContext = {
    clientId: options.clientId,
    oauth: new platformClient.OAuthApi(apiClient),
    authorization: new platformClient.AuthorizationApi(apiClient),
    tokens: new platformClient.TokensApi(apiClient),
    integrations: new platformClient.IntegrationsApi(apiClient),
    users: new platformClient.UsersApi(apiClient),
    usage: new platformClient.UsageApi(apiClient),
    getPath: (pathAndQuery) => getPath(apiClient, pathAndQuery),
    call: createCall(session, secrets),
    secrets,
    writeSlot: createSlots(options.concurrency ?? DEFAULT_WRITE_CONCURRENCY),
    readConcurrency: Math.max(options.concurrency ?? DEFAULT_WRITE_CONCURRENCY, DEFAULT_WRITE_CONCURRENCY),
  };

  return {
    readOrg: () => readOrg(conn),
    listClients: () => readClients(conn),
    readClient: (id: ClientId) => readClient(conn, id),
    createClient: (spec: ClientSpec) => createClient(conn, spec),
    updateClient: (id: ClientId, spec: ClientSpec) => updateClient(conn, id, spec),
    deleteClient: (id: ClientId, current: ClientSpec) => deleteClient(conn, id, current),
    createIntegrationCredential: (name: string, clientId: ClientId, secret: string) =>
      createIntegrationCredential(conn, name, clientId, secret),
    readUserNames: (ids: readonly string[]) => readUserNames(conn, ids),
    readApiUsage: (window: UsageWindow) => readApiUsage(conn, window, options.sleep ?? realSleep),
    resetClientSecret: (id: ClientId, name: string) => resetClientSecret(conn, id, name),
    listIntegrationCredentials: () => listIntegrationCredentials(conn),
    updateIntegrationCredential: (credentialId: string, name: string, clientId: ClientId, secret: string) =>
      updateIntegrationCredential(conn, credentialId, name, clientId, secret),
  };
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function createApiClient(options: GenesysOptions): platformClient.ApiClientClass {
  neutraliseConfig(platformClient.ApiClient);
  const client = new platformClient.ApiClientClass();
  neutraliseConfig(client);
  client.setReturnExtendedResponses(true);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // The SDK reads `timeout` into every request's options; keep it equal to the transport's.
  (client as unknown as { timeout: number }).timeout = timeoutMs;
  const limiter = createRateLimiter({ sleep: options.sleep, now: options.now });
  client.setHttpClient(new ActionHttpClient({ timeoutMs, sleep: options.sleep, limiter }));
  if (options.apiUrl) {
    client.setEnvironment(resolveRegionDomain(undefined));
    client.setGateway(toGateway(options.apiUrl));
  } else {
    client.setEnvironment(resolveRegionDomain(options.region));
  }
  return client;
}

/** Undoes what a home-folder config file may have applied (logging, host, gateway) and stops watching it. */
function neutraliseConfig(client: platformClient.ApiClientClass): void {
  const config = client.config;
  config.live_reload_config = false;
  config.setConfigPath('');
  config.setGateway(undefined as unknown as platformClient.GatewayConfiguration);
  (config as { host?: string }).host = undefined;
  const logger = config.logger;
  logger.log_level = 'none';
  logger.log_to_console = false;
  (logger as { log_file_path?: string }).log_file_path = undefined;
  logger.log_request_body = false;
  logger.log_response_body = false;
  logger.setLogger();
}

/** `https://host:port/prefix` → the SDK's gateway settings, used for login and API alike. */
export function toGateway(apiUrl: string): platformClient.GatewayConfiguration {
  const problem = problemWithApiUrl(apiUrl);
  if (problem) throw new GenesysApiError({ message: problem });
  const url = new URL(apiUrl.trim());
  const gateway: platformClient.GatewayConfiguration = { host: url.hostname, protocol: url.protocol.slice(0, -1) };
  if (url.port !== '') gateway.port = Number(url.port);
  const prefix = url.pathname.replace(/\/+$/, '');
  if (prefix !== '') {
    gateway.path_params_api = prefix;
    gateway.path_params_login = prefix;
  }
  return gateway;
}

function loginOrigin(client: platformClient.ApiClientClass): string {
  return client.config.getConfUrl('login', `https://login.${client.config.environment}`);
}

function createSession(client: platformClient.ApiClientClass, options: GenesysOptions, secrets: SecretKeeper): Session {
  let renewAt = 0;
  let generation = 0;
  let inFlight: Promise<void> | undefined;
  const login = async (): Promise<void> => {
    try {
      const auth = await (async () => client.loginClientCredentialsGrant(options.clientId, options.clientSecret))();
      secrets.add(auth.accessToken);
      const now = Date.now();
      const expiresAt = Number.isFinite(auth.tokenExpiryTime) ? auth.tokenExpiryTime : Number.POSITIVE_INFINITY;
      // Short-lived tokens renew at half their life, so a 2-minute token does not trigger a login per call.
      renewAt = expiresAt - Math.min(TOKEN_RENEWAL_MARGIN_MS, (expiresAt - now) / 2);
      generation += 1;
    } catch (rejection) {
      const login = { clientId: options.clientId, origin: loginOrigin(client), names: options.names };
      throw toLoginError(
        rejection,
        options.apiUrl === undefined ? { ...login, region: options.region ?? 'us-east-1' } : login,
        secrets.redact,
      );
    }
  };
  return {
    get generation() {
      return generation;
    },
    relogin(seen?: number) {
      if (inFlight) return inFlight;
      if (seen !== undefined && seen !== generation) return Promise.resolve();
      inFlight = login().finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
    expiresSoon: () => Date.now() >= renewAt,
  };
}

/** GETs a path the API returned (e.g. `nextUri`), with auth and extended responses like any generated method. */
function getPath(client: platformClient.ApiClientClass, pathAndQuery: string): Promise<unknown> {
  const url = new URL(pathAndQuery, 'http://relative.invalid');
  const query: Record<string, object> = {};
  for (const [key, value] of url.searchParams) query[key] = value as unknown as object;
  return client.callApi(url.pathname, 'GET', {}, query, {}, {}, null, ['PureCloud OAuth'], ['application/json'], ['application/json']);
}
