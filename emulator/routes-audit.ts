// /api/v2/users (by ids) and /api/v2/usage/query: what an audit reads besides the clients. Each answers 403 with
// Genesys' missing-permission body when the org was started without the permission it needs.
import { ApiFailure } from './api-failure.js';
import type { OrgState } from './org-state.js';
import { type ApiRequest, json, type Reply } from './reply.js';

export const USERS_PERMISSION = 'directory:user:view';
export const USAGE_PERMISSION = 'usage:api:view';
/** Genesys caps `GET /api/v2/users` pages at 500, ids included. */
const MAX_USERS_PAGE = 500;

function requirePermission(org: OrgState, permission: string): void {
  if (!org.audit.deniedPermissions.has(permission)) return;
  throw new ApiFailure(
    403,
    'missing.permissions',
    `Unable to perform the requested action. You are missing the following permission(s): ${permission}`,
  );
}

/** `GET /api/v2/users?id=a&id=b`: the users with those ids (unknown ids are left out), or everyone. */
export function listUsers(req: ApiRequest): Reply {
  requirePermission(req.org, USERS_PERMISSION);
  const ids = req.query.id?.split(',').filter(Boolean);
  if (ids && ids.length > MAX_USERS_PAGE) throw new ApiFailure(400, 'bad.request', `At most ${MAX_USERS_PAGE} ids per request.`);
  const users = req.org.audit.users.filter((user) => !ids || ids.includes(user.id));
  const entities = users.map((user) => ({ ...user, state: 'active', selfUri: `/api/v2/users/${user.id}` }));
  return json(200, { entities, pageSize: Math.max(25, entities.length), pageNumber: 1, total: entities.length, pageCount: 1 });
}

/** `POST /api/v2/usage/query`: starts an execution over `interval`, grouped by OAuth client and day. */
export function startUsageQuery(req: ApiRequest): Reply {
  requirePermission(req.org, USAGE_PERMISSION);
  const body = (req.body ?? {}) as { interval?: unknown; groupBy?: unknown; granularity?: unknown };
  const [start, end] = typeof body.interval === 'string' ? body.interval.split('/').map((part) => Date.parse(part)) : [];
  if (start === undefined || end === undefined || Number.isNaN(start) || Number.isNaN(end) || end <= start) {
    throw new ApiFailure(400, 'bad.request', 'interval must be an ISO-8601 interval such as 2026-01-01T00:00:00Z/2026-04-01T00:00:00Z.');
  }
  if (!Array.isArray(body.groupBy) || !body.groupBy.includes('OAuthClientId')) {
    throw new ApiFailure(400, 'bad.request', 'The emulator answers usage queries grouped by OAuthClientId only.');
  }
  const executionId = req.org.audit.startQuery(start, end, (id) => req.org.client(id)?.name);
  return json(202, { executionId, resultsUri: `/api/v2/usage/query/${executionId}/results` });
}

/** `GET /api/v2/usage/query/{executionId}/results`: `Running` until the execution completes, then its rows. */
export function readUsageQueryResults(req: ApiRequest): Reply {
  requirePermission(req.org, USAGE_PERMISSION);
  const id = req.params.executionId ?? '';
  const result = req.org.audit.readQuery(id);
  if (!result) throw new ApiFailure(404, 'not.found', `Usage query execution ${id} not found.`);
  return json(200, { results: result.rows, queryStatus: result.status });
}
