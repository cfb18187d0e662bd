// The audit's extra reads, each a constant number of requests whatever the org's size: the names of the users who
// last changed drifted clients (one batched users lookup), and every client's API use by day (one usage query, then
// its results). Neither may fail a check: a refusal comes back as `unavailable`, with the permission to add.
import type platformClient from 'purecloud-platform-client-v2';
import type { AuditLookup, ClientId, UsageDay } from '../core/types.js';
import type { SdkContext } from './sdk-context.js';
import { GenesysApiError } from './api-error.js';

export const USERS_PERMISSION = 'directory:user:view';
export const USAGE_PERMISSION = 'usage:api:view';
/** Ids per users lookup; modifiers are people, so one request almost always does. */
const USERS_PER_REQUEST = 100;
/** Reads of a running usage query before giving up, and the pause before each (ms). */
const USAGE_POLL_DELAYS_MS = [0, 1_000, 2_000, 3_000, 5_000, 5_000, 5_000, 5_000];

export interface UsageWindow {
  start: Date;
  end: Date;
}

type Sleep = (ms: number) => Promise<void>;

/** Names of the users with these ids (ids Genesys does not know are left out). */
export async function readUserNames(conn: SdkContext, ids: readonly string[]): Promise<AuditLookup<Record<string, string>>> {
  const unique = [...new Set(ids)].sort();
  const names: Record<string, string> = {};
  if (unique.length === 0) return { kind: 'read', value: names };
  return asLookup(USERS_PERMISSION, async () => {
    for (let at = 0; at < unique.length; at += USERS_PER_REQUEST) {
      const id = unique.slice(at, at + USERS_PER_REQUEST);
      const page = await conn.call<platformClient.Models.UserEntityListing>(
        { what: 'looking up who changed the drifted clients (`GET /api/v2/users`)', permission: USERS_PERMISSION },
        () => conn.users.getUsers({ id, pageSize: id.length }),
      );
      for (const user of page?.entities ?? []) if (user.id && user.name) names[user.id] = user.name;
    }
    return names;
  });
}

/** API requests per OAuth client and day over the window: `POST /api/v2/usage/query`, then its results. */
export async function readApiUsage(conn: SdkContext, window: UsageWindow, sleep: Sleep): Promise<AuditLookup<UsageDay[]>> {
  return asLookup(USAGE_PERMISSION, async () => {
    const what = 'querying API usage by OAuth client (`POST /api/v2/usage/query`)';
    const execution = await conn.call<platformClient.Models.UsageExecutionResult>({ what, permission: USAGE_PERMISSION }, () =>
      conn.usage.postUsageQuery({
        interval: `${window.start.toISOString()}/${window.end.toISOString()}`,
        granularity: 'Day',
        metrics: ['Requests'],
        groupBy: ['OAuthClientId'],
      }),
    );
    const executionId = execution?.executionId;
    if (!executionId) throw new GenesysApiError({ message: `Genesys answered ${what} without an execution id.` });
    for (const delay of USAGE_POLL_DELAYS_MS) {
      await sleep(delay);
      const result = await conn.call<platformClient.Models.ApiUsageQueryResult>(
        { what: 'reading the API usage query results', permission: USAGE_PERMISSION },
        () => conn.usage.getUsageQueryExecutionIdResults(executionId),
      );
      if (/^complete/i.test(result?.queryStatus ?? '')) return toUsageDays(result?.results ?? []);
      if (/^fail/i.test(result?.queryStatus ?? ''))
        throw new GenesysApiError({ message: 'Genesys reports the API usage query as failed.' });
    }
    throw new GenesysApiError({ message: 'Genesys did not finish the API usage query in time; the next check tries again.' });
  });
}

function toUsageDays(rows: readonly platformClient.Models.ApiUsageRow[]): UsageDay[] {
  return rows.flatMap((row) =>
    row.clientId && row.date && (row.requests ?? 0) > 0
      ? [{ clientId: row.clientId as ClientId, date: row.date, requests: row.requests ?? 0 }]
      : [],
  );
}

async function asLookup<T>(permission: string, read: () => Promise<T>): Promise<AuditLookup<T>> {
  try {
    return { kind: 'read', value: await read() };
  } catch (error: unknown) {
    if (!(error instanceof GenesysApiError) || error.isAuthFailure) throw error;
    return { kind: 'unavailable', message: error.message, ...(error.status === 403 ? { permission } : {}) };
  }
}
