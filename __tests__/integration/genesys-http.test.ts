// The transport on its own, against a bare HTTP server: what it refuses to do (follow redirects, keep headers)
// matters as much as what it retries.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import platformClient from 'purecloud-platform-client-v2';
import { afterEach, describe, expect, it } from 'vitest';
import { ActionHttpClient, HttpFailure } from '../../src/genesys/http.js';

const SENTINEL = 'SENTINEL-bearer-5d1e';
let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse, n: number) => void): Promise<{ url: string; seen: string[] }> {
  const seen: string[] = [];
  server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    handler(req, res, seen.length);
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', () => resolve()));
  return { url: `http://127.0.0.1:${(server?.address() as AddressInfo | undefined)?.port}`, seen };
}

function request(url: string, method: string): platformClient.HttpRequestOptions {
  return new platformClient.HttpRequestOptions(
    url,
    method,
    { Authorization: `Bearer ${SENTINEL}` },
    {},
    method === 'GET' ? undefined : { a: 1 },
  );
}

describe('ActionHttpClient', () => {
  it('does not follow redirects', async () => {
    const { url, seen } = await serve((_req, res) => res.writeHead(302, { location: '/elsewhere' }).end());
    const client = new ActionHttpClient({ sleep: async () => {} });
    const failure = await client.request(request(`${url}/api/v2/oauth/clients`, 'GET')).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(HttpFailure);
    expect((failure as HttpFailure).response?.status).toBe(302);
    expect(seen).toEqual(['GET /api/v2/oauth/clients']);
  });

  it('rejects without the request config, so the Authorization header cannot leak', async () => {
    const { url } = await serve((_req, res) => res.writeHead(400, { 'content-type': 'application/json' }).end('{"code":"bad.request"}'));
    const client = new ActionHttpClient({ sleep: async () => {} });
    const failure = await client.request(request(`${url}/api/v2/oauth/clients`, 'POST')).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(HttpFailure);
    expect(failure).not.toHaveProperty('config');
    expect(failure).not.toHaveProperty('request');
    expect(inspect(failure, { depth: 10 })).not.toContain(SENTINEL);
    expect(JSON.stringify(failure)).not.toContain(SENTINEL);
  });

  it('retries a PUT after a dropped connection', async () => {
    const { url, seen } = await serve((_req, res, n) => (n === 1 ? res.socket?.destroy() : res.writeHead(200).end('{}')));
    const sleeps: number[] = [];
    const client = new ActionHttpClient({ sleep: async (ms) => void sleeps.push(ms) });
    await client.request(request(`${url}/api/v2/oauth/clients/x`, 'PUT'));
    expect(seen).toHaveLength(2);
    expect(sleeps).toEqual([1_000]);
  });

  it('does not retry a POST after a dropped connection', async () => {
    const { url, seen } = await serve((_req, res) => res.socket?.destroy());
    const client = new ActionHttpClient({ sleep: async () => {} });
    await expect(client.request(request(`${url}/api/v2/oauth/clients`, 'POST'))).rejects.toBeInstanceOf(HttpFailure);
    expect(seen).toHaveLength(1);
  });

  it('retries the login POST, which is safe to repeat', async () => {
    const { url, seen } = await serve((_req, res, n) => (n === 1 ? res.writeHead(503).end() : res.writeHead(200).end('{}')));
    const client = new ActionHttpClient({ sleep: async () => {} });
    await client.request(request(`${url}/oauth/token`, 'POST'));
    expect(seen).toEqual(['POST /oauth/token', 'POST /oauth/token']);
  });

  it('gives up on a hanging request after its own timeout', async () => {
    const { url } = await serve(() => {});
    const client = new ActionHttpClient({ timeoutMs: 100, sleep: async () => {} });
    const started = Date.now();
    const failure = await client.request(request(`${url}/api/v2/oauth/clients`, 'POST')).catch((e: unknown) => e);
    expect(failure).toMatchObject({ name: 'HttpFailure', code: 'ECONNABORTED' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
