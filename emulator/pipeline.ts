// One request from arrival to answer: log, faults, login or auth, rate limit, route, latency, write.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiFailure, buildErrorBody, buildTooManyRequestsBody } from './api-failure.js';
import type { FaultBook } from './faults.js';
import type { IdKind } from './ids.js';
import { handleLogin } from './login.js';
import type { OrgState } from './org-state.js';
import type { RateLimiter } from './rate-limiter.js';
import type { Realism } from './realism.js';
import { json, readBodyText, readQuery, type Reply } from './reply.js';
import { findRoute } from './routes.js';
import type { EmulatedClient, FaultRule, RequestLogEntry } from './types.js';

export interface PipelineDeps {
  org: OrgState;
  faults: FaultBook;
  limiter: RateLimiter;
  log: RequestLogEntry[];
  nextId: (kind: IdKind) => string;
  latencyMs: () => number;
  legacyListing: boolean;
  realism: Realism;
  advanceClock?: (ms: number) => void;
  /** Resolves early when the emulator closes, so no handler outlives it. */
  sleep: (ms: number) => Promise<void>;
  isClosed: () => boolean;
}

type Outcome = Reply | 'drop';

interface Incoming {
  method: string;
  path: string;
  query: Record<string, string>;
  req: IncomingMessage;
  bodyText: string;
  token: string | undefined;
  caller: EmulatedClient | undefined;
  contextId: string;
}

const API_PREFIX = '/api/v2/';

function readBearer(header: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
}

function buildFaultOutcome(fault: FaultRule, contextId: string): Outcome {
  if (fault.status === 0) return 'drop';
  const retryAfter = fault.retryAfterSeconds ?? (fault.status === 429 ? 1 : undefined);
  const headers = retryAfter === undefined ? undefined : { 'retry-after': String(retryAfter) };
  if (fault.body !== undefined) return { status: fault.status, body: fault.body, headers };
  const body =
    fault.status === 429 ? buildTooManyRequestsBody(retryAfter ?? 1, undefined, contextId) : buildErrorBody(fault.status, contextId);
  return { status: fault.status, body, headers };
}

function failureReply(error: unknown, contextId: string): Reply {
  if (error instanceof ApiFailure)
    return json(error.status, buildErrorBody(error.status, contextId, error.code, error.message, error.details));
  return json(
    500,
    buildErrorBody(500, contextId, 'internal.server.error', `Emulator failure: ${error instanceof Error ? error.message : String(error)}`),
  );
}

function parseJsonBody(incoming: Incoming): unknown {
  if (incoming.bodyText.trim() === '' || incoming.method === 'GET' || incoming.method === 'DELETE') return undefined;
  const contentType = incoming.req.headers['content-type'] ?? '';
  if (!/json/i.test(contentType))
    throw new ApiFailure(
      415,
      'unsupported.media.type',
      `Content-Type ${JSON.stringify(contentType)} is not supported; send application/json.`,
    );
  try {
    return JSON.parse(incoming.bodyText) as unknown;
  } catch {
    throw new ApiFailure(400, 'bad.request', 'The request body is not valid JSON.');
  }
}

function answerApi(incoming: Incoming, deps: PipelineDeps): Reply {
  const { caller, token, contextId } = incoming;
  if (!caller || token === undefined) {
    return json(401, buildErrorBody(401, contextId, 'bad.credentials', 'Invalid login credentials.'));
  }
  const waitSeconds = deps.limiter.admit(token, deps.org.now().getTime());
  if (waitSeconds !== undefined) {
    return {
      status: 429,
      body: buildTooManyRequestsBody(waitSeconds, deps.limiter.current, contextId),
      headers: { 'retry-after': String(waitSeconds) },
    };
  }
  // Every authenticated API request counts as use of the caller's client, for the usage API.
  deps.org.audit.recordUse(caller.id, deps.org.now().getTime());
  try {
    const segments = incoming.path
      .slice(API_PREFIX.length)
      .split('/')
      .filter(Boolean)
      .map((s) => decodeURIComponent(s));
    const found = findRoute(incoming.method, segments);
    if (!found) throw new ApiFailure(404, 'not.found', `No resource found for ${incoming.method} ${incoming.path}.`);
    const body = parseJsonBody(incoming);
    return found.handler({
      method: incoming.method,
      segments,
      params: found.params,
      query: incoming.query,
      body,
      caller,
      org: deps.org,
      legacyListing: deps.legacyListing,
      realism: deps.realism,
    });
  } catch (error) {
    return failureReply(error, contextId);
  }
}

/** Only for a test's virtual clock in another process (the bundle under test): it moves the emulator's clock too. */
const CLOCK_PATH = '/__emulator/clock';

function advanceClock(incoming: Incoming, advance: (ms: number) => void): Reply {
  const ms = Number((JSON.parse(incoming.bodyText || '{}') as { advanceMs?: unknown }).advanceMs);
  if (!Number.isFinite(ms) || ms < 0) return json(400, { message: 'advanceMs must be a number of milliseconds >= 0' });
  advance(ms);
  return { status: 204 };
}

function answer(incoming: Incoming, deps: PipelineDeps): Reply {
  if (incoming.path === '/oauth/token' && incoming.method === 'POST') return handleLogin(incoming.req.headers, incoming.bodyText, deps.org);
  if (incoming.path === CLOCK_PATH && incoming.method === 'POST' && deps.advanceClock) return advanceClock(incoming, deps.advanceClock);
  if (incoming.path.startsWith(API_PREFIX)) return answerApi(incoming, deps);
  return json(404, buildErrorBody(404, incoming.contextId, 'not.found', `No resource found for ${incoming.method} ${incoming.path}.`));
}

function writeOutcome(res: ServerResponse, outcome: Outcome, contextId: string, entry: RequestLogEntry): void {
  if (outcome === 'drop' || res.destroyed) {
    entry.status = 0;
    res.socket?.destroy();
    return;
  }
  entry.status = outcome.status;
  const headers: Record<string, string> = { 'inin-correlation-id': contextId, ...outcome.headers };
  const { body } = outcome;
  if (body === undefined || body === '' || outcome.status === 204) {
    res.writeHead(outcome.status, { ...headers, 'content-length': '0' }).end();
  } else if (typeof body === 'string') {
    res.writeHead(outcome.status, { ...headers, 'content-type': 'text/plain; charset=utf-8' }).end(body);
  } else {
    res.writeHead(outcome.status, { ...headers, 'content-type': 'application/json' }).end(JSON.stringify(body));
  }
}

/** Builds the node:http request listener of the emulator. */
export function createRequestHandler(deps: PipelineDeps): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const token = readBearer(req.headers.authorization);
    const caller = deps.org.callerOf(token);
    const entry: RequestLogEntry = {
      method,
      path: url.pathname,
      query: readQuery(url.searchParams),
      status: -1,
      at: deps.org.now().getTime(),
      tokenOk: caller !== undefined,
    };
    // The test clock's route is not Genesys: a request to it is no request the Action sent Genesys.
    if (url.pathname !== CLOCK_PATH) deps.log.push(entry);
    const contextId = deps.nextId('context');
    const incoming: Incoming = {
      method,
      path: url.pathname,
      query: entry.query,
      req,
      bodyText: await readBodyText(req),
      token,
      caller,
      contextId,
    };
    const fault = deps.faults.take(method, url.pathname);
    let outcome: Outcome;
    if (fault && !fault.afterResponse) {
      await deps.sleep(fault.delayMs ?? 0);
      outcome = buildFaultOutcome(fault, contextId);
    } else {
      outcome = answer(incoming, deps);
      if (fault) {
        await deps.sleep(fault.delayMs ?? 0);
        outcome = buildFaultOutcome(fault, contextId);
      }
    }
    await deps.sleep(deps.latencyMs());
    if (deps.isClosed()) outcome = 'drop';
    writeOutcome(res, outcome, contextId, entry);
  };
}
