// The one place the API's camelCase meets the Terraform-named types. Live clients come out normalised (defaults
// filled, sets sorted and de-duplicated, grant-type aliases resolved) so an untouched client never looks changed.
import type platformClient from 'purecloud-platform-client-v2';
import {
  ALL_DIVISIONS,
  DEFAULT_TOKEN_VALIDITY_SECONDS,
  GRANT_TYPE_ALIASES,
  GRANT_TYPES,
  type ClientId,
  type ClientSpec,
  type DivisionId,
  type DivisionRef,
  type GrantType,
  type LiveClient,
  type LiveState,
  type NamedDivision,
  type NamedRole,
  type RoleGrant,
  type RoleId,
  type SelfIdentity,
} from '../core/types.js';
import { GenesysApiError } from './org.js';
import { sortedUnique } from '../core/plain-data.js';

export type ApiOAuthClient = platformClient.Models.OAuthClient;
export type ApiClientRequest = platformClient.Models.OAuthClientRequest;
export type ApiRoleDivision = platformClient.Models.RoleDivision;
export type ApiTokenInfo = platformClient.Models.TokenInfo;

/** Names for role and division ids, and the home division for grants the API returns without one. */
export interface NameLookups {
  roleNames: ReadonlyMap<string, string>;
  divisionNames: ReadonlyMap<string, string>;
  homeDivisionId?: DivisionId;
}

export const NO_LOOKUPS: NameLookups = { roleNames: new Map(), divisionNames: new Map() };

/** Spellings the API has used over the years, mapped to today's. */
const API_GRANT_TYPE_ALIASES: Readonly<Record<string, GrantType>> = {
  ...GRANT_TYPE_ALIASES,
  CLIENT_CREDENTIALS: 'CLIENT-CREDENTIALS',
};

/** Builds the name lookups from the org's roles and divisions. */
export function buildNameLookups(roles: readonly NamedRole[], divisions: readonly NamedDivision[], home?: NamedDivision): NameLookups {
  const divisionNames = new Map<string, string>(divisions.map((d) => [d.id, d.name]));
  if (home && !divisionNames.has(home.id)) divisionNames.set(home.id, home.name);
  return { roleNames: new Map(roles.map((r) => [r.id, r.name])), divisionNames, homeDivisionId: home?.id };
}

/** The grant type in today's spelling (`SAML2BEARER` → `SAML2-BEARER`). */
export function toGrantType(value: string): GrantType {
  const upper = value.trim().toUpperCase();
  return API_GRANT_TYPE_ALIASES[upper] ?? (upper as GrantType);
}

/** A listed client of the pre-2026 API (no grant type): it must be read on its own. */
export function isLegacyListing(client: Pick<ApiOAuthClient, 'authorizedGrantType'>): boolean {
  return typeof client.authorizedGrantType !== 'string' || client.authorizedGrantType.trim() === '';
}

/** An API OAuthClient as a normalised LiveClient. */
export function toLiveClient(client: ApiOAuthClient, lookups: NameLookups = NO_LOOKUPS): LiveClient {
  if (!client.id) throw new GenesysApiError({ message: `Genesys returned an OAuth client without an id (name \`${client.name}\`).` });
  const grantType = toGrantType(client.authorizedGrantType ?? '');
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
  lookups: NameLookups = NO_LOOKUPS,
): RoleGrant[] {
  const pairs: { roleId: string; divisionId?: string }[] =
    roleDivisions && roleDivisions.length > 0 ? [...roleDivisions] : (roleIds ?? []).map((roleId) => ({ roleId }));
  const byKey = new Map<string, RoleGrant>();
  for (const pair of pairs) {
    if (!pair.roleId) continue;
    const division = (pair.divisionId || lookups.homeDivisionId) as DivisionRef | undefined;
    if (division === undefined) continue;
    const grant: RoleGrant = { role_id: pair.roleId as RoleId, division_id: division };
    const roleName = lookups.roleNames.get(pair.roleId);
    if (roleName !== undefined) grant.role_name = roleName;
    const divisionName = division === ALL_DIVISIONS ? 'all divisions' : lookups.divisionNames.get(division);
    if (divisionName !== undefined) grant.division_name = divisionName;
    byKey.set(`${grant.role_id}|${grant.division_id}`, grant);
  }
  return [...byKey.values()].sort((a, b) => a.role_id.localeCompare(b.role_id, 'en') || a.division_id.localeCompare(b.division_id, 'en'));
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
export function toSelfIdentity(info: ApiTokenInfo, fallbackClientId: string, lookups: NameLookups = NO_LOOKUPS): SelfIdentity {
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
