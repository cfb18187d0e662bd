// For `check`: clients nobody uses. A live client (declared or not) that made no API request for `staleAfterDays`
// days is a credential that can still be stolen; it is listed, never counted as drift.
import type { AuditLookup, ClientId, LiveOrg, Plan, UsageDay } from './types.js';

export const DEFAULT_STALE_AFTER_DAYS = 90;
/** The usage query looks back this far at least, so a client unused for longer still shows its last day of use. */
const MIN_LOOKBACK_DAYS = 365;
const DAY_MS = 86_400_000;

export interface StaleClient {
  name: string;
  id: ClientId;
  managed: boolean;
  /** The last day with API requests in the looked-back window; absent when there was none. */
  lastUsed?: string;
}

export interface StaleReport {
  afterDays: number;
  /** How far back the usage was read (ISO date), for "no use since". */
  since: string;
  clients: StaleClient[];
  /** Set when the usage could not be read; `clients` is then empty. */
  unavailable?: { message: string; permission?: string };
}

/** `stale-after-days` as a whole number of days (0 turns the listing off); undefined when it is not one. */
export function parseStaleAfterDays(text: string): number | undefined {
  const trimmed = text.trim();
  return /^\d{1,5}$/.test(trimmed) ? Number(trimmed) : undefined;
}

/** The interval the usage query reads: from the look-back start to now. */
export function buildUsageWindow(now: Date, staleAfterDays: number): { start: Date; end: Date } {
  const days = Math.max(MIN_LOOKBACK_DAYS, 2 * staleAfterDays);
  return { start: new Date(now.getTime() - days * DAY_MS), end: now };
}

/**
 * Managed and unmanaged live clients with no request since `now - staleAfterDays`, sorted by name. The Action's own
 * client and clients created within the window are never stale.
 */
export function findStaleClients(
  plan: Plan,
  live: LiveOrg,
  usage: AuditLookup<UsageDay[]>,
  options: { now: Date; staleAfterDays: number },
): StaleReport {
  const window = buildUsageWindow(options.now, options.staleAfterDays);
  const report: StaleReport = { afterDays: options.staleAfterDays, since: window.start.toISOString(), clients: [] };
  if (usage.kind === 'unavailable') return { ...report, unavailable: { message: usage.message, permission: usage.permission } };
  const cutoff = options.now.getTime() - options.staleAfterDays * DAY_MS;
  const lastUsed = new Map<string, number>();
  for (const day of usage.value) {
    const at = Date.parse(day.date);
    if (day.requests > 0 && !Number.isNaN(at) && at > (lastUsed.get(day.clientId) ?? Number.NEGATIVE_INFINITY))
      lastUsed.set(day.clientId, at);
  }
  const managed = new Set<string>(
    plan.actions.flatMap((action) => (action.kind === 'update' || action.kind === 'noop' ? [action.id] : [])),
  );
  const unmanaged = new Set<string>(plan.unmanaged.map((client) => client.id));
  for (const client of live.clients) {
    if (client.id === live.self.clientId || (!managed.has(client.id) && !unmanaged.has(client.id))) continue;
    const created = client.dateCreated ? Date.parse(client.dateCreated) : Number.NaN;
    if (!Number.isNaN(created) && created > cutoff) continue;
    const last = lastUsed.get(client.id);
    // A day's row covers the whole day: a request on the cutoff's day still counts as use within the window.
    if (last !== undefined && last + DAY_MS > cutoff) continue;
    report.clients.push({
      name: client.name,
      id: client.id,
      managed: managed.has(client.id),
      ...(last !== undefined ? { lastUsed: new Date(last).toISOString().slice(0, 10) } : {}),
    });
  }
  report.clients.sort((a, b) => a.name.localeCompare(b.name, 'en') || a.id.localeCompare(b.id, 'en'));
  return report;
}
