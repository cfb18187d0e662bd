// startEmulator: a real HTTP server on 127.0.0.1 that answers like Genesys Cloud for what the Action uses.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultBook } from './faults.js';
import { createIdSequence } from './ids.js';
import { OrgState } from './org-state.js';
import { createRequestHandler } from './pipeline.js';
import { RateLimiter } from './rate-limiter.js';
import { Realism } from './realism.js';
import type { Emulator, EmulatorOptions, RequestLogEntry } from './types.js';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** POSTs that change nothing in the org: the login, and queries that take their criteria as a body. */
const READ_ONLY_POSTS = new Set(['/oauth/token', '/api/v2/usage/query']);

/** Starts an emulated org; close it in afterEach/afterAll. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const now = options.now ?? (() => new Date());
  const nextId = createIdSequence();
  const org = new OrgState(options, nextId, now);
  const faults = new FaultBook();
  const limiter = new RateLimiter(options.rateLimit);
  const realism = new Realism(options.profile ?? 'strict', options.fidelity ?? {}, now);
  const log: RequestLogEntry[] = [];
  const sleepers = new Map<NodeJS.Timeout, () => void>();
  let latencyMs = options.latencyMs ?? 0;
  let closed = false;

  const sleep = (ms: number): Promise<void> => {
    if (ms <= 0 || closed) return Promise.resolve();
    if (options.sleep) return options.sleep(ms);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        sleepers.delete(timer);
        resolve();
      }, ms);
      sleepers.set(timer, resolve);
    });
  };

  const handle = createRequestHandler({
    org,
    faults,
    limiter,
    log,
    nextId,
    sleep,
    latencyMs: () => latencyMs,
    legacyListing: options.legacyListing === true,
    realism,
    advanceClock: options.advanceClock,
    isClosed: () => closed,
  });
  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.socket?.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    credentials: { ...org.credentials },
    get requests() {
      return log;
    },
    resetLog: () => void log.splice(0, log.length),
    writes: () => log.filter((e) => WRITE_METHODS.has(e.method) && !(e.method === 'POST' && READ_ONLY_POSTS.has(e.path))),
    inject: (rule) => faults.add(rule),
    clearFaults: () => faults.clear(),
    setLatency: (ms) => {
      latencyMs = ms;
    },
    setRateLimit: (limit) => limiter.set(limit),
    listClients: () => structuredClone(org.allClients()),
    getClient: (id) => {
      const client = org.client(id);
      return client && structuredClone(client);
    },
    seedClient: (seed) => {
      const client = org.seedClient(seed);
      realism.settle(client.id);
      return structuredClone(client);
    },
    editClient: (id, patch) => {
      org.editClient(id, patch);
      realism.settle(id);
    },
    setFidelity: (overrides) => realism.set(overrides),
    recordUsage: (clientId, date, requests) => org.audit.seedUsage({ clientId, date, requests }),
    removeClient: (id) => {
      org.removeClient(id);
      realism.settle(id);
    },
    integrationCredentials: () => org.allCredentials().map(({ id, name, type, fields }) => ({ id, name, type, fields: { ...fields } })),
    seedCredential: ({ name, type, fields, modifiedDate }) => {
      const { id, modifiedDate: at } = org.addCredential(name, type, fields, modifiedDate);
      return { id, name, type, fields: { ...fields }, modifiedDate: at };
    },
    revokeTokens: () => org.revokeTokens(),
    issuedTokens: () => org.issuedTokens(),
    close: () => {
      closed = true;
      for (const [timer, wake] of sleepers) {
        clearTimeout(timer);
        wake();
      }
      sleepers.clear();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
