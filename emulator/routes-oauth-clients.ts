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
  const entities = req.org.allClients().map((c) => toApiClient(c, { grantType: !req.legacyListing }));
  return json(200, {
    entities,
    pageSize: Math.max(25, entities.length),
    pageNumber: 1,
    total: entities.length,
    pageCount: 1,
    firstUri: `${BASE}?pageSize=${Math.max(25, entities.length)}&pageNumber=1`,
    lastUri: `${BASE}?pageSize=${Math.max(25, entities.length)}&pageNumber=1`,
    selfUri: `${BASE}?pageSize=${Math.max(25, entities.length)}&pageNumber=1`,
  });
}

export function getClient(req: ApiRequest): Reply {
  return json(200, toApiClient(findClient(req.org, req.params.id)));
}

export function createClient(req: ApiRequest): Reply {
  const fields = parseClientRequest(req.body, req.org);
  assertCallerHoldsGrants(req.caller, fields.roleDivisions, req.org);
  const created = req.org.seedClient(fields, req.caller.id);
  return json(200, toApiClient(created, { secret: true }));
}

export function replaceClient(req: ApiRequest): Reply {
  const current = findClient(req.org, req.params.id);
  assertWritable(current);
  const fields = parseClientRequest(req.body, req.org);
  assertCallerHoldsGrants(req.caller, fields.roleDivisions, req.org);
  return json(200, toApiClient(req.org.replaceClient(current.id, fields, req.caller.id)));
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
  req.org.removeClient(current.id);
  return noContent();
}

export function regenerateSecret(req: ApiRequest): Reply {
  const current = findClient(req.org, req.params.id);
  assertWritable(current);
  return json(200, toApiClient(req.org.regenerateSecret(current.id, req.caller.id), { secret: true }));
}
