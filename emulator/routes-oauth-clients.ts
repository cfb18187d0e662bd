// /api/v2/oauth/clients: list, read, create, full replace, delete, regenerate secret.
import { ApiFailure } from './api-failure.js';
import type { OrgState } from './org-state.js';
import { type ApiRequest, json, noContent, type Reply } from './reply.js';
import type { EmulatedClient } from './types.js';
import { assertCallerHoldsGrants, parseClientRequest } from './validate-client.js';

const BASE = '/api/v2/oauth/clients';

/** The API's OAuthClient: the secret only where the real API returns it (create, regenerate). */
export function toApiClient(client: EmulatedClient, view: { secret?: boolean; grantType?: boolean } = {}): Record<string, unknown> {
  const out: Partial<EmulatedClient> = structuredClone(client);
  if (!view.secret) delete out.secret;
  if (view.grantType === false) delete out.authorizedGrantType;
  return out;
}

function findClient(org: OrgState, id: string | undefined): EmulatedClient {
  const client = id === undefined ? undefined : org.client(id);
  if (!client) throw new ApiFailure(404, 'not.found', `OAuth client ${id ?? ''} not found.`, [{ errorCode: 'not.found', entityId: id }]);
  return client;
}

function assertWritable(client: EmulatedClient): void {
  if (client.state === 'disabled') {
    throw new ApiFailure(400, 'bad.request', `OAuth client ${client.id} is disabled by Genesys support and cannot be modified.`, [
      { errorCode: 'bad.request', fieldName: 'state', entityId: client.id, entityName: client.name },
    ]);
  }
}

export function listClients(req: ApiRequest): Reply {
  const all = req.realism.list(req.org).map((c) => toApiClient(c, { grantType: !req.legacyListing }));
  // A truncated list keeps its true total and offers no next page (realism.ts `listLimit`).
  const entities = all.slice(0, req.realism.fidelity.listLimit ?? all.length);
  const pageSize = Math.max(25, entities.length);
  return json(200, {
    entities,
    pageSize,
    pageNumber: 1,
    total: all.length,
    pageCount: 1,
    firstUri: `${BASE}?pageSize=${pageSize}&pageNumber=1`,
    lastUri: `${BASE}?pageSize=${pageSize}&pageNumber=1`,
    selfUri: `${BASE}?pageSize=${pageSize}&pageNumber=1`,
  });
}

export function getClient(req: ApiRequest): Reply {
  const id = req.params.id;
  const client = id === undefined ? undefined : req.realism.read(req.org, id);
  if (!client) throw new ApiFailure(404, 'not.found', `OAuth client ${id ?? ''} not found.`, [{ errorCode: 'not.found', entityId: id }]);
  return json(200, toApiClient(client));
}

export function createClient(req: ApiRequest): Reply {
  const fields = req.realism.keepApplicable(parseClientRequest(req.body, req.org));
  req.realism.checkCreate(fields.authorizedGrantType);
  assertCallerHoldsGrants(req.caller, fields.roleDivisions, req.org);
  const created = req.org.seedClient(fields, req.caller.id);
  req.realism.recordWrite(created.id, undefined, created);
  return json(200, toApiClient(created, { secret: true }));
}

export function replaceClient(req: ApiRequest): Reply {
  const current = findClient(req.org, req.params.id);
  assertWritable(current);
  const fields = req.realism.keepApplicable(parseClientRequest(req.body, req.org));
  assertCallerHoldsGrants(req.caller, fields.roleDivisions, req.org);
  const replaced = req.org.replaceClient(current.id, fields, req.caller.id);
  req.realism.recordWrite(current.id, current, replaced);
  return json(200, toApiClient(replaced));
}

export function deleteClient(req: ApiRequest): Reply {
  const current = findClient(req.org, req.params.id);
  if (current.state !== 'inactive') {
    throw new ApiFailure(
      400,
      'bad.request',
      `OAuth client ${current.id} must be in state inactive before it can be deleted (it is ${current.state}).`,
      [{ errorCode: 'bad.request', fieldName: 'state', entityId: current.id, entityName: current.name }],
    );
  }
  req.realism.delete(req.org, current);
  return noContent();
}

export function regenerateSecret(req: ApiRequest): Reply {
  const current = findClient(req.org, req.params.id);
  assertWritable(current);
  const next = req.org.regenerateSecret(current.id, req.caller.id);
  req.realism.recordWrite(current.id, current, next);
  return json(200, toApiClient(next, { secret: true }));
}
