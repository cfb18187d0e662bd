// The one place the API's camelCase meets the Terraform-named types. Live clients come out normalised (defaults
// filled, sets sorted and de-duplicated, grant-type aliases resolved) so an untouched client never looks changed.
import type platformClient from 'purecloud-platform-client-v2';
import { NO_LOOKUPS, normaliseGrants, normaliseGrantType, type OrgLookups } from '../core/normalise.js';
import {
  DEFAULT_TOKEN_VALIDITY_SECONDS,
  GRANT_TYPES,
  type ClientId,
  type ClientSpec,
  type DivisionId,
  type DivisionRef,
  type LiveClient,
  type LiveState,
  type NamedDivision,
  type NamedRole,
  type RoleGrant,
  type RoleId,
  type SelfIdentity,
} from '../core/types.js';
import { GenesysApiError } from './api-error.js';

export type ApiOAuthClient = platformClient.Models.OAuthClient;
export type ApiClientRequest = platformClient.Models.OAuthClientRequest;
export type ApiRoleDivision = platformClient.Models.RoleDivision;
export type ApiTokenInfo = platformClient.Models.TokenInfo;

/** A listed client of the pre-2026 API (no grant type): it must be read on its own. */
export function isLegacyListing(client: Pick<ApiOAuthClient, 'authorizedGrantType'>): boolean {
  return typeof client.authorizedGrantType !== 'string' || client.authorizedGrantType.trim() === '';
}

/** An API OAuthClient as a normalised LiveClient. */
export function toLiveClient(client: ApiOAuthClient, lookups: OrgLookups = NO_LOOKUPS): LiveClient {
  if (!client.id) throw new GenesysApiError({ message: `Genesys returned an OAuth client without an id (name \`${client.name}\`).` });
  const grantType = normaliseGrantType(client.authorizedGrantType ?? '');
  const state = toLiveState(client.state);
  const live: LiveClient = {
    id: client.id as ClientId,
    name: client.name ?? '',
    description: client.description ?? '',
    authorized_grant_type: grantType,
    access_token_validity_seconds: client.accessTokenValiditySeconds ?? DEFAULT_TOKEN_VALIDITY_SECONDS,
    registered_redirect_uris: sortedUnique(client.registeredRedirectUri ?? []),
    scopes: sortedUnique(client.scope ?? []),
    roles: toRoleGrants(client.roleDivisions, client.roleIds, lookups),
    state,
  };
  if (client.dateCreated) live.dateCreated = client.dateCreated;
  if (client.dateModified) live.dateModified = client.dateModified;
  if (client.modifiedBy?.id) live.modifiedBy = client.modifiedBy.id;
  if (client.dateToDelete) live.dateToDelete = client.dateToDelete;
  // A grant type or state the Action does not know is one it must not touch (SPEC §2): kept as spelled, to report it.
  if (state === 'unknown') live.unrecognised = { field: 'state', value: client.state ?? '' };
  else if (!(GRANT_TYPES as readonly string[]).includes(grantType)) {
    live.unrecognised = { field: 'authorized_grant_type', value: client.authorizedGrantType ?? '' };
  }
  return live;
}

const KNOWN_STATES: Readonly<Record<string, LiveState>> = {
  active: 'active',
  inactive: 'inactive',
  disabled: 'disabled',
  deleted: 'deleted',
};

function toLiveState(state: string | undefined): LiveState {
  return KNOWN_STATES[(state ?? 'active').toLowerCase()] ?? 'unknown';
}

/** Role grants from `roleDivisions` (or the deprecated `roleIds`, which mean the home division), named, sorted. */
export function toRoleGrants(
  roleDivisions: readonly ApiRoleDivision[] | undefined,
  roleIds: readonly string[] | undefined,
  lookups: OrgLookups = NO_LOOKUPS,
): RoleGrant[] {
  const pairs: { roleId: string; divisionId?: string }[] =
    roleDivisions && roleDivisions.length > 0 ? [...roleDivisions] : (roleIds ?? []).map((roleId) => ({ roleId }));
  const grants: RoleGrant[] = [];
  for (const pair of pairs) {
    const division = (pair.divisionId || lookups.homeDivisionId) as DivisionRef | undefined;
    if (pair.roleId && division !== undefined) grants.push({ role_id: pair.roleId as RoleId, division_id: division });
  }
  return normaliseGrants(grants, lookups);
}

/** The full request body for POST and PUT: every field, explicit `[]` for emptied lists, never roleIds/dateToDelete. */
export function toClientRequest(spec: ClientSpec): ApiClientRequest {
  return {
    name: spec.name,
    description: spec.description,
    authorizedGrantType: spec.authorized_grant_type,
    accessTokenValiditySeconds: spec.access_token_validity_seconds,
    registeredRedirectUri: [...spec.registered_redirect_uris],
    scope: [...spec.scopes],
    roleDivisions: spec.roles.map((grant) => ({ roleId: grant.role_id, divisionId: grant.division_id })),
    state: spec.state,
  };
}

/** Who the token belongs to (`GET /api/v2/tokens/me`), with its grants named. */
export function toSelfIdentity(info: ApiTokenInfo, fallbackClientId: string, lookups: OrgLookups = NO_LOOKUPS): SelfIdentity {
  const client = info.OAuthClient;
  const self: SelfIdentity = {
    clientId: (client?.id ?? fallbackClientId) as ClientId,
    clientName: client?.name ?? '',
    grants: toRoleGrants(client?.roleDivisions, undefined, lookups),
  };
  if (info.organization?.id) self.organizationId = info.organization.id;
  if (info.organization?.name) self.organizationName = info.organization.name;
  return self;
}

/** A role entity as a NamedRole; undefined when it has no id. */
export function toNamedRole(role: platformClient.Models.DomainOrganizationRole): NamedRole | undefined {
  return role.id ? { id: role.id as RoleId, name: role.name ?? role.id } : undefined;
}

/** A division entity as a NamedDivision; undefined when it has no id. */
export function toNamedDivision(division: platformClient.Models.AuthzDivision): NamedDivision | undefined {
  return division.id ? { id: division.id as DivisionId, name: division.name ?? division.id } : undefined;
}

function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values.filter((v) => typeof v === 'string'))].sort();
}
