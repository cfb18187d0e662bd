// The Genesys module reading an emulated org through the real SDK over HTTP: login, readOrg's shape and request
// budget, the legacy listing, and the home-folder config file that must not redirect or log anything.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateClients, startEmulator, type Emulator, type EmulatorOptions } from '../../emulator/index.js';
import { connectGenesys } from '../../src/genesys/connect.js';
import type { GenesysOptions } from '../../src/genesys/contract.js';
import { buildModeDeps } from '../../src/modes/deps.js';
import { buildOptions, ConfigError } from '../../src/modes/options.js';

// The SDK reads ~/.genesyscloudjavascript/config when it loads; point HOME at an empty folder first.
const home = await vi.hoisted(async () => {
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'genesys-home-'));
  process.env.HOME = dir;
  return dir;
});

let emulator: Emulator | undefined;
let trap: Server | undefined;

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
  await new Promise<void>((resolve) => (trap ? trap.close(() => resolve()) : resolve()));
  trap = undefined;
});

async function start(options: EmulatorOptions = {}): Promise<Emulator> {
  emulator = await startEmulator(options);
  return emulator;
}

function optionsFor(emu: Emulator, extra: Partial<GenesysOptions> = {}): GenesysOptions {
  return {
    clientId: emu.credentials.clientId,
    clientSecret: emu.credentials.clientSecret,
    apiUrl: emu.url,
    onSecret: () => {},
    sleep: async () => {},
    ...extra,
  };
}

describe('readOrg', () => {
  it('logs in once and reads identity, clients, roles, divisions and the home division', async () => {
    const emu = await start({ clients: generateClients(12) });
    const secrets: string[] = [];
    const org = await connectGenesys(optionsFor(emu, { onSecret: (s) => secrets.push(s) }));
    const live = await org.readOrg();

    expect(emu.requests.filter((r) => r.path === '/oauth/token')).toHaveLength(1);
    expect(live.clients).toHaveLength(13);
    expect(live.self).toMatchObject({ clientId: 'action-client-id', clientName: 'genesys-oauth-sync', organizationName: 'Emulated Org' });
    expect(live.self.grants).toContainEqual({
      role_id: 'role-admin',
      division_id: '*',
      role_name: 'admin',
      division_name: 'all divisions',
    });
    expect(live.homeDivision).toEqual({ id: 'div-home', name: 'Home' });
    expect(live.divisions.map((d) => d.name).sort()).toEqual(['Home', 'Sales', 'Support']);
    expect(live.roles).toContainEqual({ id: 'role-admin', name: 'admin' });
    for (const client of live.clients) {
      const stored = emu.getClient(client.id);
      expect(client.name).toBe(stored?.name);
      expect(client.authorized_grant_type).toBe(stored?.authorizedGrantType);
      expect(client.scopes).toEqual([...(stored?.scope ?? [])].sort());
      expect(client.roles.map((g) => `${g.role_id}|${g.division_id}`).sort()).toEqual(
        (stored?.roleDivisions ?? []).map((g) => `${g.roleId}|${g.divisionId}`).sort(),
      );
    }
    const withRole = live.clients.flatMap((c) => c.roles).find((g) => g.division_id === 'div-sales');
    expect(withRole?.division_name).toBe('Sales');
  });

  it('hands the own secret, the Basic value and the access token to onSecret before any API call', async () => {
    const emu = await start();
    const secrets: string[] = [];
    await connectGenesys(optionsFor(emu, { onSecret: (s) => secrets.push(s) }));
    const basic = Buffer.from(`${emu.credentials.clientId}:${emu.credentials.clientSecret}`).toString('base64');
    expect(secrets.slice(0, 2)).toEqual([emu.credentials.clientSecret, basic]);
    expect(secrets).toHaveLength(3);
    expect(secrets[2]).toMatch(/\S{8,}/);
  });

  it('makes the same number of requests for 1,000 clients as for 3, and never one per client', async () => {
    const count = async (n: number): Promise<{ total: number; perClient: number; clients: number }> => {
      const emu = await start({ clients: generateClients(n) });
      const org = await connectGenesys(optionsFor(emu));
      const live = await org.readOrg();
      const result = {
        total: emu.requests.length,
        perClient: emu.requests.filter((r) => r.path.startsWith('/api/v2/oauth/clients/')).length,
        clients: live.clients.length,
      };
      await emu.close();
      emulator = undefined;
      return result;
    };
    const small = await count(3);
    const big = await count(1_000);
    expect(big.clients).toBe(1_001);
    expect(big.total).toBe(small.total);
    expect(big.total).toBeLessThanOrEqual(6);
    expect(big.perClient).toBe(0);
  });

  it('reads clients listed without a grant type one by one, and only those', async () => {
    const emu = await start({ clients: generateClients(4), legacyListing: true });
    const org = await connectGenesys(optionsFor(emu));
    const live = await org.readOrg();
    const perClient = emu.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/api/v2/oauth/clients/'));
    expect(perClient.map((r) => decodeURIComponent(r.path.split('/').pop() ?? '')).sort()).toEqual(
      emu
        .listClients()
        .map((c) => c.id)
        .sort(),
    );
    for (const client of live.clients) expect(client.authorized_grant_type).toBe(emu.getClient(client.id)?.authorizedGrantType);
  });

  it('pages roles beyond the first page', async () => {
    const roles = Array.from({ length: 230 }, (_, i) => ({ id: `role-${i}`, name: `Role ${i}` }));
    const emu = await start({ roles, selfGrants: [{ roleId: 'role-0', divisionId: '*' }] });
    const org = await connectGenesys(optionsFor(emu));
    const live = await org.readOrg();
    expect(live.roles).toHaveLength(230);
    expect(emu.requests.filter((r) => r.path === '/api/v2/authorization/roles')).toHaveLength(3);
  });

  it('ignores a gateway and logging set in ~/.genesyscloudjavascript/config', async () => {
    const trapped: string[] = [];
    trap = createServer((req, res) => {
      trapped.push(`${req.method} ${req.url}`);
      res.writeHead(500).end();
    });
    await new Promise<void>((resolve) => trap?.listen(0, '127.0.0.1', () => resolve()));
    const trapPort = (trap.address() as AddressInfo).port;
    const logFile = join(mkdtempSync(join(tmpdir(), 'genesys-log-')), 'sdk.log');
    mkdirSync(join(home, '.genesyscloudjavascript'), { recursive: true });
    writeFileSync(
      join(home, '.genesyscloudjavascript', 'config'),
      `[logging]\nlog_level = trace\nlog_request_body = true\nlog_to_console = true\nlog_file_path = ${logFile}\n` +
        `[gateway]\nhost = 127.0.0.1\nprotocol = http\nport = ${trapPort}\n`,
    );
    const log = vi.spyOn(process.stdout, 'write');
    try {
      const emu = await start();
      const org = await connectGenesys(optionsFor(emu));
      await org.readOrg();
      expect(trapped).toEqual([]);
      expect(emu.requests[0]?.path).toBe('/oauth/token');
      const printed = log.mock.calls.map((c) => String(c[0])).join('');
      expect(printed).not.toContain(emu.credentials.clientSecret);
      expect(printed).not.toMatch(/=== REQUEST ===/);
      const written = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
      expect(written).not.toMatch(/REQUEST|Authorization|oauth/);
    } finally {
      log.mockRestore();
      writeFileSync(join(home, '.genesyscloudjavascript', 'config'), '');
    }
  });
});

describe('login', () => {
  it('explains a wrong secret without revealing it', async () => {
    const emu = await start();
    const sentinel = 'SENTINEL-wrong-secret-7f3c';
    const basic = Buffer.from(`${emu.credentials.clientId}:${sentinel}`).toString('base64');
    const failure = await connectGenesys(optionsFor(emu, { clientSecret: sentinel })).catch((e: unknown) => e);

    expect(failure).toMatchObject({ name: 'GenesysApiError', status: 401, code: 'invalid_client', isAuthFailure: true });
    const message = (failure as Error).message;
    expect(message).toContain('`action-client-id`');
    expect(message).toContain('`genesys-client-secret`');
    expect(message).toContain('GENESYSCLOUD_OAUTHCLIENT_SECRET');
    expect(message).toContain('`genesys-client-id`');
    for (const text of [message, JSON.stringify(failure), String((failure as Error).stack), inspect(failure)]) {
      expect(text).not.toContain(sentinel);
      expect(text).not.toContain(basic);
    }
  });

  it('says which input is missing before any request', async () => {
    const emu = await start();
    const options = buildOptions('action', { clientId: emu.credentials.clientId, clientSecret: '', apiUrl: emu.url }, {}, '/');
    const reporter = { info: () => {}, debug: () => {}, warning: () => {}, error: () => {}, notice: () => {} };
    const deps = buildModeDeps(options, { env: {}, reporter, onSecret: () => {} });
    const failure = await deps.openGenesys().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as Error).message).toContain('GENESYSCLOUD_OAUTHCLIENT_SECRET');
    expect(emu.requests).toHaveLength(0);
  });

  it('logs in again once when the token is revoked mid-run', async () => {
    const emu = await start({ clients: generateClients(2) });
    const org = await connectGenesys(optionsFor(emu));
    emu.revokeTokens();
    const live = await org.readOrg();
    expect(live.clients).toHaveLength(3);
    expect(emu.requests.filter((r) => r.path === '/oauth/token').length).toBe(2);
  });
});
