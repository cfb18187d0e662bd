// The naive way to read an org, as a Terraform refresh does: one GET per client (ids known from state), ten in
// flight (Terraform's default -parallelism), against ours: one list plus a constant number of lookups.
import { performance } from 'node:perf_hooks';
import type { Emulator } from '../emulator/index.js';
import { connectGenesys } from '../src/genesys/connect.js';
import { DEFAULT_REQUESTS_PER_MINUTE } from '../src/genesys/rate-limiter.js';
import { generatedOrg, startOrg } from './org.js';

const TERRAFORM_PARALLELISM = 10;

export interface NaiveBench {
  clients: number;
  parallelism: number;
  naive: Timed;
  ours: Timed;
  requestRatio: number;
  timeRatio: number;
  /** The naive request count at Genesys' default rate limit: a floor no parallelism gets under. */
  naiveFloorAtDefaultLimitMs: number;
}

async function login(emulator: Emulator): Promise<string> {
  const { clientId, clientSecret } = emulator.credentials;
  const response = await fetch(`${emulator.url}/oauth/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  const body = (await response.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`The naive login failed with ${response.status}.`);
  return body.access_token;
}

async function readNaively(emulator: Emulator, ids: string[]): Promise<void> {
  const token = await login(emulator);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < ids.length) {
      const id = ids[next++] as string;
      const response = await fetch(`${emulator.url}/api/v2/oauth/clients/${encodeURIComponent(id)}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (!response.ok) throw new Error(`The naive GET of ${id} failed with ${response.status}.`);
      await response.json();
    }
  };
  await Promise.all(Array.from({ length: TERRAFORM_PARALLELISM }, worker));
}

interface Timed {
  requests: number;
  /** Without the login, which the rate limit exempts. */
  apiRequests: number;
  wallMs: number;
}

async function timed(emulator: Emulator, work: () => Promise<unknown>): Promise<Timed> {
  emulator.resetLog();
  const started = performance.now();
  await work();
  const wallMs = performance.now() - started;
  return { requests: emulator.requests.length, apiRequests: emulator.requests.filter((r) => r.path !== '/oauth/token').length, wallMs };
}

/** Reads an org of `n` clients both ways on the same emulator (50 ms a request, no rate limit). */
export async function benchNaive(n: number): Promise<NaiveBench> {
  const emulator = await startOrg(generatedOrg(n));
  try {
    const ids = emulator.listClients().map((client) => client.id);
    const naive = await timed(emulator, () => readNaively(emulator, ids));
    const ours = await timed(emulator, async () => {
      const org = await connectGenesys({ ...emulator.credentials, apiUrl: emulator.url, onSecret: () => {} });
      await org.readOrg();
    });
    return {
      clients: n,
      parallelism: TERRAFORM_PARALLELISM,
      naive,
      ours,
      requestRatio: naive.requests / ours.requests,
      timeRatio: naive.wallMs / ours.wallMs,
      naiveFloorAtDefaultLimitMs: (naive.apiRequests / DEFAULT_REQUESTS_PER_MINUTE) * 60_000,
    };
  } finally {
    await emulator.close();
  }
}
