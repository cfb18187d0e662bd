// Validation of an OAuthClientRequest body (POST and PUT), answering with the error codes of the real API.
import { ApiFailure } from './api-failure.js';
import {
  DEFAULT_VALIDITY_SECONDS,
  GRANT_TYPE_ALIASES,
  GRANT_TYPES,
  isScimRoleName,
  MIN_VALIDITY_SECONDS,
  NON_SCIM_MAX_VALIDITY_SECONDS,
  SCIM_MAX_VALIDITY_SECONDS,
} from './defaults.js';
import type { OrgState } from './org-state.js';
import type { EmulatedClient, RoleDivision } from './types.js';

export type ClientFields = Omit<EmulatedClient, 'id' | 'secret' | 'dateCreated' | 'dateModified' | 'selfUri' | 'createdBy' | 'modifiedBy'>;

function invalid(fieldName: string, message: string, code = 'invalid.value'): ApiFailure {
  return new ApiFailure(400, code, message, [{ errorCode: code, fieldName }]);
}

function malformed(fieldName: string, expected: string): ApiFailure {
  return invalid(fieldName, `Unable to parse the request body: \`${fieldName}\` must be ${expected}.`, 'bad.request');
}

function readStringList(body: Record<string, unknown>, field: string): string[] {
  const value = body[field];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) throw malformed(field, 'an array of strings');
  return [...(value as string[])];
}

function readRoleDivisions(body: Record<string, unknown>): RoleDivision[] {
  const value = body.roleDivisions;
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw malformed('roleDivisions', 'an array of {roleId, divisionId}');
  return value.map((item: unknown) => {
    const grant = item as Partial<Record<string, unknown>> | null;
    if (typeof grant !== 'object' || grant === null || typeof grant.roleId !== 'string') {
      throw malformed('roleDivisions', 'an array of {roleId, divisionId}');
    }
    if (typeof grant.divisionId !== 'string' || grant.divisionId === '') {
      const message =
        `The division of role ${grant.roleId} is missing; every roleDivision ` +
        'needs a divisionId (the API does not fill in the home division).';
      throw invalid('roleDivisions.divisionId', message);
    }
    return { roleId: grant.roleId, divisionId: grant.divisionId };
  });
}

function readGrantType(body: Record<string, unknown>): string {
  const raw = body.authorizedGrantType;
  if (raw === undefined || raw === null || raw === '') {
    throw invalid('authorizedGrantType', 'The authorized grant type is required.', 'grant.type.required');
  }
  const grantType = typeof raw === 'string' ? (GRANT_TYPE_ALIASES[raw] ?? raw) : '';
  if (!(GRANT_TYPES as readonly string[]).includes(grantType)) {
    throw invalid(
      'authorizedGrantType',
      `Invalid grant type ${JSON.stringify(raw)}; expected one of ${GRANT_TYPES.join(', ')}.`,
      'bad.grant.type',
    );
  }
  return grantType;
}

function readState(body: Record<string, unknown>): 'active' | 'inactive' {
  const state = body.state ?? 'active';
  if (state !== 'active' && state !== 'inactive') {
    throw invalid('state', `Invalid state ${JSON.stringify(state)}; a client can only be written as active or inactive.`);
  }
  return state;
}

function checkGrantsExist(grants: RoleDivision[], org: OrgState): void {
  for (const grant of grants) {
    if (!org.role(grant.roleId)) throw invalid('roleDivisions.roleId', `The role ${grant.roleId} does not exist in this organization.`);
    if (grant.divisionId !== '*' && !org.division(grant.divisionId)) {
      throw invalid('roleDivisions.divisionId', `The division ${grant.divisionId} does not exist in this organization.`);
    }
  }
}

function readValidity(body: Record<string, unknown>, grants: RoleDivision[], org: OrgState): number {
  const value = body.accessTokenValiditySeconds ?? DEFAULT_VALIDITY_SECONDS;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw malformed('accessTokenValiditySeconds', 'an integer');
  const scim = grants.some((g) => isScimRoleName(org.role(g.roleId)?.name ?? ''));
  const max = scim ? SCIM_MAX_VALIDITY_SECONDS : NON_SCIM_MAX_VALIDITY_SECONDS;
  if (value < MIN_VALIDITY_SECONDS || value > max) {
    const why = scim ? '' : ` Only clients with a SCIM role may go up to ${SCIM_MAX_VALIDITY_SECONDS}.`;
    throw invalid('accessTokenValiditySeconds', `accessTokenValiditySeconds must be between ${MIN_VALIDITY_SECONDS} and ${max}.${why}`);
  }
  return value;
}

/** Parses and validates an OAuthClientRequest; omitted fields take the API defaults (a PUT is a full replace). */
export function parseClientRequest(body: unknown, org: OrgState): ClientFields {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiFailure(400, 'bad.request', 'The request body must be a JSON object (OAuthClientRequest).');
  }
  const fields = body as Record<string, unknown>;
  if (typeof fields.name !== 'string' || fields.name.trim() === '') throw invalid('name', 'The name of the OAuth client is required.');
  if (fields.description !== undefined && fields.description !== null && typeof fields.description !== 'string') {
    throw malformed('description', 'a string');
  }
  const authorizedGrantType = readGrantType(fields);
  const state = readState(fields);
  const registeredRedirectUri = readStringList(fields, 'registeredRedirectUri');
  const scope = readStringList(fields, 'scope');
  const roleDivisions = readRoleDivisions(fields);
  if ((authorizedGrantType === 'CODE' || authorizedGrantType === 'TOKEN') && registeredRedirectUri.length === 0) {
    throw invalid('registeredRedirectUri', `A ${authorizedGrantType} client needs at least one registered redirect URI.`);
  }
  if (authorizedGrantType === 'CLIENT-CREDENTIALS' && roleDivisions.length === 0) {
    throw invalid('roleDivisions', 'Client roles are missing.', 'missing.client.roles');
  }
  checkGrantsExist(roleDivisions, org);
  const accessTokenValiditySeconds = readValidity(fields, roleDivisions, org);
  const description = typeof fields.description === 'string' ? fields.description : '';
  return {
    name: fields.name,
    description,
    authorizedGrantType,
    accessTokenValiditySeconds,
    registeredRedirectUri,
    scope,
    roleDivisions,
    state,
  };
}

/**
 * The caller may only grant roles it holds itself, in that division or in '*'. The real error for this case is
 * UNVERIFIED; the emulator answers 403 `missing.permissions` naming the role and division.
 */
export function assertCallerHoldsGrants(caller: EmulatedClient, grants: RoleDivision[], org: OrgState): void {
  for (const grant of grants) {
    const held = caller.roleDivisions.some(
      (own) => own.roleId === grant.roleId && (own.divisionId === '*' || own.divisionId === grant.divisionId),
    );
    if (held) continue;
    const roleName = org.role(grant.roleId)?.name ?? grant.roleId;
    const where = grant.divisionId === '*' ? 'all divisions (*)' : `division ${grant.divisionId}`;
    throw new ApiFailure(
      403,
      'missing.permissions',
      '[emulator: the real error is unverified] The calling OAuth client does not ' +
        `hold role "${roleName}" (${grant.roleId}) in ${where}, so it cannot grant it.`,
      [{ errorCode: 'missing.permissions', fieldName: 'roleDivisions', entityId: grant.roleId, entityName: roleName }],
    );
  }
}
