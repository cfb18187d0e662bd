// What read-org and write-org share: the API objects of one private SDK client, the secrets seen so far, and `call`,
// the single path every SDK call takes (sync throws become rejections, extended responses are unwrapped, every
// failure becomes a GenesysApiError, an expired token is renewed once).
import type platformClient from 'purecloud-platform-client-v2';
import { toGenesysApiError, type Operation } from './errors.js';
import type { OrgLookups } from '../core/normalise.js';
import { redactSecrets } from '../report/redact.js';

/** Records every secret once, hands it to `onSecret`, and scrubs known secrets from any text. */
export class SecretKeeper {
  private readonly values = new Set<string>();

  constructor(private readonly onSecret: (value: string) => void) {}

  add(value: string | undefined): void {
    if (!value || this.values.has(value)) return;
    this.values.add(value);
    this.onSecret(value);
  }

  /** The same redaction every report gets (encoded forms included, too-short values left alone). */
  redact = (text: string): string => redactSecrets(text, [...this.values]);
}

export interface Session {
  /** Counts logins, so a call can tell whether its token has been replaced since it started. */
  readonly generation: number;
  /**
   * Logs in again (client-credentials tokens are never refreshed by the SDK), unless a login newer than `seen`
   * already happened: concurrent calls that all got a 401 share one login.
   */
  relogin(seen?: number): Promise<void>;
  /** True when the token is about to expire and a call should log in first. */
  expiresSoon(): boolean;
}

export interface SdkContext {
  clientId: string;
  oauth: platformClient.OAuthApi;
  authorization: platformClient.AuthorizationApi;
  tokens: platformClient.TokensApi;
  integrations: platformClient.IntegrationsApi;
  users: platformClient.UsersApi;
  usage: platformClient.UsageApi;
  /** A GET of a path the API handed back (e.g. a listing's `nextUri`); the SDK has no method that takes one. */
  getPath(pathAndQuery: string): Promise<unknown>;
  call<T>(operation: Operation, invoke: () => Promise<unknown>): Promise<T>;
  secrets: SecretKeeper;
  /** Bounds how many writes are in flight at once. */
  writeSlot<T>(task: () => Promise<T>): Promise<T>;
  /** How many per-client reads run at once (legacy listing). */
  readConcurrency: number;
  /** Role and division names from the last readOrg, so a later readClient can name grants too. */
  lookups?: OrgLookups;
}

const UNAUTHORIZED = 401;

/** Builds `call`: runs one SDK call and returns its body, or throws a GenesysApiError. */
export function createCall(session: Session, secrets: SecretKeeper): SdkContext['call'] {
  return async function call<T>(operation: Operation, invoke: () => Promise<unknown>): Promise<T> {
    for (let attempt = 0; ; attempt += 1) {
      if (session.expiresSoon()) await session.relogin(session.generation);
      const generation = session.generation;
      try {
        const response = await (async () => invoke())();
        return unwrapBody(response) as T;
      } catch (rejection) {
        const error = toGenesysApiError(rejection, operation, secrets.redact);
        if (error.status === UNAUTHORIZED && attempt === 0) {
          await session.relogin(generation);
          continue;
        }
        throw error;
      }
    }
  };
}

/** Extended responses are `{status, headers, body, ...}`; callers only want the body. */
function unwrapBody(response: unknown): unknown {
  if (response && typeof response === 'object' && 'body' in response && 'status' in response) {
    return (response as { body: unknown }).body;
  }
  return response;
}
