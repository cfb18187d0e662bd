// connectGenesys end to end over the real SDK: which host it talks to (region or gateway, never a home-folder config),
// what a refused login says, when it logs in again, and the requests a follow-up page and a legacy listing make.
// The transport is the SDK's own; a spy on it records each request as the SDK sent it and forwards it to the emulator.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import platformClient from 'purecloud-platform-client-v2';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateClients, type Emulator } from '../../emulator/index.js';
import { connectGenesys } from '../../src/genesys/connect.js';
import type { GenesysOptions } from '../../src/genesys/contract.js';
import { emulatorPerTest } from '../helpers/emulator-per-test.js';

const start = emulatorPerTest();

interface Sent {
  method: string;
  url: string;
  params?: unknown;
  headers?: Record<string, string>;
}

type Request = (options: platformClient.HttpRequestOptions) => Promise<{ data: Record<string, unknown> }>;
const prototype = platformClient.DefaultHttpClient.prototype as unknown as { request: Request };
const original = prototype.request;

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

/** Records every request and sends it to the emulator instead of Genesys; `alter` may change a response's body. */
function recordAndForward(emu: Emulator, alter: (sent: Sent, data: Record<string, unknown>) => void = () => {}) {
  const sent: Sent[] = [];
  let inFlight = 0;
  const peak = { value: 0 };
  vi.spyOn(prototype, 'request').mockImplementation(async function (this: unknown, options) {
    const entry: Sent = { method: options.method, url: options.url, params: options.params, headers: { ...options.headers } };
    sent.push(entry);
    const forwarded = Object.assign(Object.create(Object.getPrototypeOf(options) as object) as object, options, {
      url: options.url.replace(/^https:\/\/(api|login)\.[a-z0-9.-]+/, emu.url),
    }) as platformClient.HttpRequestOptions;
    inFlight += 1;
    peak.value = Math.max(peak.value, inFlight);
    try {
      const response = await original.call(this, forwarded);
      alter(entry, response.data);
      return response;
    } finally {
      inFlight -= 1;
    }
  });
  return { sent, peak, paths: () => sent.map((s) => `${s.method} ${s.url}`) };
}

function optionsFor(emu: Emulator, extra: Partial<GenesysOptions> = {}): GenesysOptions {
  return { clientId: emu.credentials.clientId, clientSecret: emu.credentials.clientSecret, onSecret: () => {}, ...extra };
}

describe('which host', () => {
  it('logs in and reads at the region given, whatever gateway a home-folder config names', async () => {
    const emu = await start();
    const folder = join(homedir(), '.genesyscloudjavascript');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'config'), '[gateway]\nhost = 127.0.0.1\nprotocol = http\nport = 9\n[general]\nhost = mypurecloud.jp\n');
    try {
      const { paths } = recordAndForward(emu);
      const org = await connectGenesys(optionsFor(emu, { region: 'eu-west-1' }));
      await org.listClients();
      expect(paths()).toEqual(['POST https://login.mypurecloud.ie/oauth/token', 'GET https://api.mypurecloud.ie/api/v2/oauth/clients']);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('logs in at us-east-1 when no region is given', async () => {
    const emu = await start();
    const { paths } = recordAndForward(emu);
    await connectGenesys(optionsFor(emu));
    expect(paths()).toEqual(['POST https://login.mypurecloud.com/oauth/token']);
  });
});

describe('a refused login', () => {
  const refusal = (origin: string, where: string) =>
    'Genesys refused to log in OAuth client `action-client-id` (401 invalid_client: "authentication failed"). The client ' +
    'id or the client secret is wrong: check the client id (input `genesys-client-id` or env `GENESYSCLOUD_OAUTHCLIENT_ID`) ' +
    'and the secret (input `genesys-client-secret` or env `GENESYSCLOUD_OAUTHCLIENT_SECRET`), and that the client belongs ' +
    `to the org that logs in at ${origin}${where}.`;
  const region = (key: string) => ` (region \`${key}\`, from input \`genesys-region\` or env \`GENESYSCLOUD_REGION\`)`;

  it('names the login host and the region used, us-east-1 when none was given', async () => {
    const emu = await start();
    recordAndForward(emu);
    const failure = await connectGenesys(optionsFor(emu, { clientSecret: 'wrong' })).catch((e: unknown) => e);
    expect((failure as Error).message).toBe(refusal('https://login.mypurecloud.com', region('us-east-1')));
  });

  it('names the region given', async () => {
    const emu = await start();
    recordAndForward(emu);
    const failure = await connectGenesys(optionsFor(emu, { clientSecret: 'wrong', region: 'eu-west-1' })).catch((e: unknown) => e);
    expect((failure as Error).message).toBe(refusal('https://login.mypurecloud.ie', region('eu-west-1')));
  });

  it('names the gateway and no region when an API URL is set', async () => {
    const emu = await start();
    const failure = await connectGenesys(optionsFor(emu, { clientSecret: 'wrong', apiUrl: emu.url, region: 'eu-west-1' })).catch(
      (e: unknown) => e,
    );
    expect((failure as Error).message).toBe(refusal(emu.url, ''));
  });
});

describe('token renewal', () => {
  it.each([
    ['a day-long token', 86_400, 86_340_000],
    ['a one-minute token', 60, 30_000],
  ])('logs in again before a call once %s is about to expire, not a millisecond earlier', async (_what, seconds, renewAfterMs) => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.UTC(2026, 0, 5) });
    const t0 = Date.now();
    const emu = await start({ credentials: { clientId: 'action-client-id', clientSecret: 'action-client-secret' } });
    const { paths } = recordAndForward(emu, (sent, data) => {
      if (sent.url.endsWith('/oauth/token')) data.expires_in = seconds;
    });
    const org = await connectGenesys(optionsFor(emu, { apiUrl: emu.url }));
    vi.setSystemTime(t0 + renewAfterMs - 1);
    await org.listClients();
    vi.setSystemTime(t0 + renewAfterMs);
    await org.listClients();
    await org.listClients();
    const login = `POST ${emu.url}/oauth/token`;
    const list = `GET ${emu.url}/api/v2/oauth/clients`;
    expect(paths()).toEqual([login, list, login, list, list]);
  });
});

describe('requests', () => {
  it('follows a nextUri with an authorised GET of that path and query', async () => {
    const emu = await start();
    let pages = 0;
    const { sent } = recordAndForward(emu, (request, data) => {
      if (request.url.endsWith('/api/v2/oauth/clients') && request.method === 'GET' && (pages += 1) === 1) {
        data.nextUri = '/api/v2/oauth/clients?pageSize=25&pageNumber=2';
      }
    });
    const org = await connectGenesys(optionsFor(emu, { apiUrl: emu.url }));
    const token = emu.issuedTokens()[0];
    await org.listClients();
    expect(sent.slice(1).map(({ method, url, params, headers }) => ({ method, url, params, headers }))).toEqual([
      {
        method: 'GET',
        url: `${emu.url}/api/v2/oauth/clients`,
        params: {},
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Accept: 'application/json' },
      },
      {
        method: 'GET',
        url: `${emu.url}/api/v2/oauth/clients`,
        params: { pageSize: '25', pageNumber: '2' },
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Accept: 'application/json' },
      },
    ]);
  });

  it('reads the clients of a legacy listing as many at once as the write concurrency, at least 4', async () => {
    for (const [concurrency, peak] of [
      [8, 8],
      [2, 4],
      [undefined, 4],
    ] as const) {
      const emu = await start({ clients: generateClients(12), legacyListing: true });
      const transport = recordAndForward(emu);
      const org = await connectGenesys(optionsFor(emu, { apiUrl: emu.url, concurrency }));
      transport.peak.value = 0;
      expect(await org.listClients()).toHaveLength(13);
      expect({ concurrency, peak: transport.peak.value }).toEqual({ concurrency, peak });
      vi.restoreAllMocks();
    }
  });

  it('waits on the injected clock for the usage query, and on the real one when none is injected', async () => {
    const emu = await start();
    const sleeps: number[] = [];
    const window = { start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-01-03T00:00:00Z') };
    const injected = await connectGenesys(optionsFor(emu, { apiUrl: emu.url, sleep: async (ms) => void sleeps.push(ms) }));
    expect(await injected.readApiUsage(window)).toEqual({ kind: 'read', value: [] });
    expect(sleeps).toEqual([0]);
    const real = await connectGenesys(optionsFor(emu, { apiUrl: emu.url }));
    expect(await real.readApiUsage(window)).toEqual({ kind: 'read', value: [] });
  });
});
