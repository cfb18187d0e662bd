// Self-hosted runners behind a proxy: the Action must reach GitHub the way every @actions/github action does, through
// HTTPS_PROXY / HTTP_PROXY, while NO_PROXY hosts (here the Genesys emulator) stay direct.
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWorld, type World } from '../helpers/e2e-world.js';
import { pullRequestEvent } from '../helpers/run-action.js';

/** A host no resolver knows: only a proxy can reach it. */
const PROXIED_API = 'http://api.github.proxy-only.test';

interface TunnelProxy {
  url: string;
  /** The `CONNECT host:port` targets asked for, in order. */
  tunnels: string[];
  close(): Promise<void>;
}

/** A CONNECT proxy that sends every tunnel to one local port, whatever host was asked for. */
async function startTunnelProxy(targetPort: number): Promise<TunnelProxy> {
  const tunnels: string[] = [];
  const server: Server = createServer((_req, res) => res.writeHead(405).end());
  server.on('connect', (req, client, head) => {
    tunnels.push(req.url ?? '');
    const upstream = connect(targetPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    tunnels,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

let world: World;
let proxy: TunnelProxy;
beforeEach(async () => {
  world = await startWorld();
  proxy = await startTunnelProxy(Number(new URL(world.github.url).port));
});
afterEach(async () => {
  await proxy.close();
  await world.close();
});

describe('a runner behind a proxy', () => {
  it('reaches GITHUB_API_URL through HTTP_PROXY and posts the plan comment, while NO_PROXY hosts stay direct', async () => {
    const run = await world.run({
      eventName: 'pull_request',
      payload: pullRequestEvent(41),
      env: { GITHUB_API_URL: PROXIED_API, HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url },
    });

    expect(run.code, run.stdout).toBe(0);
    expect(world.github.comments(41)).toHaveLength(1);
    expect(proxy.tunnels.length).toBeGreaterThan(0);
    expect(new Set(proxy.tunnels)).toEqual(new Set(['api.github.proxy-only.test:80']));
  });
});
