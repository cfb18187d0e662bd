// What the org knows for an audit: the people who edit clients in the admin UI, the API use of every client by day
// (from the emulator's own traffic or a seed), and the asynchronous usage queries over it.
import { randomUUID } from 'node:crypto';
import type { EmulatedUser, EmulatorOptions, UsageSeed } from './types.js';

/** Jane edits clients in the admin UI of every emulated org, unless a test names other users. */
export const DEFAULT_USERS: readonly EmulatedUser[] = [
  { id: 'u0000000-0000-4000-8000-00000000a11c', name: 'Jane Doe', email: 'jane.doe@example.com' },
];

/** One row of `ApiUsageQueryResult.results`, grouped by OAuth client and day. */
export interface UsageRow {
  clientId: string;
  clientName?: string;
  requests: number;
  date: string;
}

interface Execution {
  rows: UsageRow[];
  /** Result reads that still answer `Running` before the query completes. */
  pending: number;
}

const DAY_MS = 86_400_000;

/** The UTC day an instant falls on, as the usage API dates its rows. */
export function dayOf(at: number): string {
  return `${new Date(Math.floor(at / DAY_MS) * DAY_MS).toISOString().slice(0, 10)}T00:00:00.000Z`;
}

export class AuditState {
  readonly users: EmulatedUser[];
  /** Permissions the Action's client lacks, so the routes that need them answer 403. */
  readonly deniedPermissions: Set<string>;
  private readonly pendingReads: number;
  private readonly usage = new Map<string, Map<string, number>>();
  private readonly executions = new Map<string, Execution>();

  constructor(options: EmulatorOptions) {
    this.users = (options.users ?? DEFAULT_USERS).map((user) => ({ ...user }));
    this.deniedPermissions = new Set(options.deniedPermissions ?? []);
    this.pendingReads = options.usageQueryPendingReads ?? 0;
    for (const seed of options.usage ?? []) this.seedUsage(seed);
  }

  /** Who edits in the admin UI when a test does not say: the first user. */
  get adminId(): string | undefined {
    return this.users[0]?.id;
  }

  user(id: string): EmulatedUser | undefined {
    return this.users.find((user) => user.id === id);
  }

  /** Counts API requests of a client on the day of `at`. */
  recordUse(clientId: string, at: number, requests = 1): void {
    const days = this.usage.get(clientId) ?? new Map<string, number>();
    const day = dayOf(at);
    days.set(day, (days.get(day) ?? 0) + requests);
    this.usage.set(clientId, days);
  }

  seedUsage(seed: UsageSeed): void {
    this.recordUse(seed.clientId, Date.parse(seed.date), seed.requests ?? 1);
  }

  /** Starts a usage query over [start, end): its rows are fixed now and read later, like Genesys' executions. */
  startQuery(start: number, end: number, nameOf: (id: string) => string | undefined): string {
    const rows: UsageRow[] = [];
    for (const [clientId, days] of this.usage) {
      for (const [date, requests] of days) {
        const at = Date.parse(date);
        if (at + DAY_MS <= start || at >= end || requests <= 0) continue;
        rows.push({ clientId, clientName: nameOf(clientId), requests, date });
      }
    }
    rows.sort((a, b) => a.date.localeCompare(b.date) || a.clientId.localeCompare(b.clientId));
    const id = randomUUID();
    this.executions.set(id, { rows, pending: this.pendingReads });
    return id;
  }

  /** The execution's rows once complete; `undefined` for an unknown id, `Running` while it is still pending. */
  readQuery(id: string): { status: 'Running' | 'Complete'; rows: UsageRow[] } | undefined {
    const execution = this.executions.get(id);
    if (!execution) return undefined;
    if (execution.pending > 0) {
      execution.pending -= 1;
      return { status: 'Running', rows: [] };
    }
    return { status: 'Complete', rows: execution.rows };
  }
}
