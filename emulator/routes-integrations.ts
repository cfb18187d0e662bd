// /api/v2/integrations/credentials: where a created client's secret can be handed to integrations.
import { ApiFailure } from './api-failure.js';
import type { StoredCredential } from './org-state.js';
import { buildListing } from './paging.js';
import { type ApiRequest, json, noContent, type Reply } from './reply.js';

/** Credential types the emulator knows, with the fields each requires. */
const CREDENTIAL_TYPES: Readonly<Record<string, readonly string[]>> = {
  pureCloudOAuthClient: ['clientId', 'clientSecret'],
  basicAuth: ['userName', 'password'],
  userDefined: [],
  userDefinedOAuth: ['clientId', 'clientSecret'],
};

function toCredentialInfo(credential: StoredCredential): Record<string, unknown> & { id: string; name: string } {
  return {
    id: credential.id,
    name: credential.name,
    createdDate: credential.createdDate,
    modifiedDate: credential.modifiedDate,
    type: { name: credential.type },
    selfUri: `/api/v2/integrations/credentials/${credential.id}`,
  };
}

function findCredential(req: ApiRequest): StoredCredential {
  const credential = req.params.id === undefined ? undefined : req.org.credential(req.params.id);
  if (!credential) throw new ApiFailure(404, 'not.found', `Credential ${req.params.id ?? ''} not found.`);
  return credential;
}

function readFields(raw: unknown): Record<string, string> {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw) || Object.values(raw).some((v) => typeof v !== 'string')) {
    throw new ApiFailure(400, 'bad.request', 'credentialFields must be an object of strings.');
  }
  return raw as Record<string, string>;
}

/** The name, type and fields of a credential body, checked as the API checks them on create and on replace. */
function readCredentialBody(raw: unknown): { name: string; type: string; fields: Record<string, string> } {
  const body = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  if (typeof body.name !== 'string' || body.name.trim() === '')
    throw new ApiFailure(400, 'invalid.value', 'The credential name is required.');
  const typeName = (body.type as { name?: unknown } | undefined)?.name;
  if (typeof typeName !== 'string') throw new ApiFailure(400, 'invalid.value', 'The credential type (type.name) is required.');
  const required = CREDENTIAL_TYPES[typeName];
  if (!required) throw new ApiFailure(400, 'invalid.value', `Unknown credential type ${JSON.stringify(typeName)}.`);
  const fields = readFields(body.credentialFields);
  const missing = required.filter((key) => !fields[key]);
  if (missing.length > 0) {
    const details = missing.map((fieldName) => ({ errorCode: 'invalid.value', fieldName }));
    throw new ApiFailure(400, 'invalid.value', `The credential type ${typeName} requires the fields ${missing.join(', ')}.`, details);
  }
  return { name: body.name, type: typeName, fields };
}

export function createCredential(req: ApiRequest): Reply {
  const { name, type, fields } = readCredentialBody(req.body);
  return json(200, toCredentialInfo(req.org.addCredential(name, type, fields)));
}

export function replaceCredential(req: ApiRequest): Reply {
  const current = findCredential(req);
  const { name, type, fields } = readCredentialBody(req.body);
  return json(200, toCredentialInfo(req.org.replaceCredential(current.id, name, type, fields)));
}

export function getCredential(req: ApiRequest): Reply {
  const credential = findCredential(req);
  return json(200, { ...toCredentialInfo(credential), credentialFields: { ...credential.fields } });
}

export function deleteCredential(req: ApiRequest): Reply {
  req.org.removeCredential(findCredential(req).id);
  return noContent();
}

export function listCredentials(req: ApiRequest): Reply {
  return json(200, buildListing(req.org.allCredentials().map(toCredentialInfo), req.query, '/api/v2/integrations/credentials'));
}
