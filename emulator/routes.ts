// The /api/v2 route table: method + path pattern → handler. Literal segments win over parameters (divisions/home).
import type { ApiRequest, Reply } from './reply.js';
import { listUsers, readUsageQueryResults, startUsageQuery } from './routes-audit.js';
import { getHomeDivision, getTokenInfo, listDivisions, listRoles } from './routes-authorization.js';
import { createCredential, deleteCredential, getCredential, listCredentials, replaceCredential } from './routes-integrations.js';
import { createClient, deleteClient, getClient, listClients, regenerateSecret, replaceClient } from './routes-oauth-clients.js';

type Handler = (req: ApiRequest) => Reply;

interface Route {
  method: string;
  pattern: string[];
  handler: Handler;
}

function route(method: string, path: string, handler: Handler): Route {
  return { method, pattern: path.split('/').filter(Boolean), handler };
}

const ROUTES: Route[] = [
  route('GET', 'tokens/me', getTokenInfo),
  route('GET', 'oauth/clients', listClients),
  route('POST', 'oauth/clients', createClient),
  route('GET', 'oauth/clients/:id', getClient),
  route('PUT', 'oauth/clients/:id', replaceClient),
  route('DELETE', 'oauth/clients/:id', deleteClient),
  route('POST', 'oauth/clients/:id/secret', regenerateSecret),
  route('GET', 'authorization/roles', listRoles),
  route('GET', 'authorization/divisions', listDivisions),
  route('GET', 'authorization/divisions/home', getHomeDivision),
  route('GET', 'integrations/credentials', listCredentials),
  route('POST', 'integrations/credentials', createCredential),
  route('GET', 'integrations/credentials/:id', getCredential),
  route('PUT', 'integrations/credentials/:id', replaceCredential),
  route('DELETE', 'integrations/credentials/:id', deleteCredential),
  route('GET', 'users', listUsers),
  route('POST', 'usage/query', startUsageQuery),
  route('GET', 'usage/query/:executionId/results', readUsageQueryResults),
];

function matchPattern(pattern: string[], segments: string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of pattern.entries()) {
    const segment = segments[index] as string;
    if (part.startsWith(':')) params[part.slice(1)] = segment;
    else if (part !== segment) return undefined;
  }
  return params;
}

/** The handler and path parameters for a request, literal routes first; undefined when nothing matches. */
export function findRoute(method: string, segments: string[]): { handler: Handler; params: Record<string, string> } | undefined {
  const candidates = ROUTES.filter((r) => r.method === method)
    .map((r) => ({ handler: r.handler, params: matchPattern(r.pattern, segments), literal: !r.pattern.some((p) => p.startsWith(':')) }))
    .filter((r): r is { handler: Handler; params: Record<string, string>; literal: boolean } => r.params !== undefined);
  return candidates.find((r) => r.literal) ?? candidates[0];
}
