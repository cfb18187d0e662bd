// The usage query the audit starts, as the SDK is asked for it: requests per OAuth client and day over the window.
import { describe, expect, it } from 'vitest';
import { readApiUsage } from '../../src/genesys/read-audit.js';
import type { SdkContext } from '../../src/genesys/sdk-context.js';

describe('readApiUsage', () => {
  it('asks for the requests per OAuth client and day over the whole window', async () => {
    const queries: unknown[] = [];
    const conn = {
      call: async (_operation: unknown, invoke: () => Promise<unknown>) => invoke(),
      usage: {
        postUsageQuery: async (body: unknown) => {
          queries.push(body);
          return { executionId: 'x-1' };
        },
        getUsageQueryExecutionIdResults: async () => ({ queryStatus: 'Complete', results: [] }),
      },
    } as unknown as SdkContext;
    const window = { start: new Date('2026-08-01T00:00:00.000Z'), end: new Date('2026-11-29T12:00:00.000Z') };
    expect(await readApiUsage(conn, window, async () => {})).toEqual({ kind: 'read', value: [] });
    expect(queries).toEqual([
      {
        interval: '2026-08-01T00:00:00.000Z/2026-11-29T12:00:00.000Z',
        granularity: 'Day',
        metrics: ['Requests'],
        groupBy: ['OAuthClientId'],
      },
    ]);
  });
});
