// Desired and live state are brought to one shape before anything is compared, so an unchanged client never shows
// as changed: defaults filled, sets sorted and de-duplicated, role and division names resolved to ids.
import {
  ALL_DIVISIONS,
  GRANT_TYPE_ALIASES,
  type ClientSpec,
  type Definition,
  type DivisionId,
  type DivisionRef,
  type GrantType,
  type LiveClient,
  type LiveOrg,
  type Problem,
  type RoleGrant,
  type RoleGrantInput,
  type RoleId,
} from './types.js';
import { suggestClosest } from './suggest.js';
import { sortedUnique } from './plain-data.js';

/** Name ↔ id lookups for roles and divisions, built once per plan. */
export interface OrgLookups {
  roleIdsByName: Map<string, RoleId[]>;
  roleNamesById: Map<string, string>;
  divisionIdsByName: Map<string, DivisionId[]>;
  divisionNamesById: Map<string, string>;
  /** Where a grant without a division goes; unknown only before the org has been read. */
  homeDivisionId?: DivisionId;
}

/** Lookups that know no names: grants keep their ids (and a grant without a division is dropped). */
export const NO_LOOKUPS: OrgLookups = {
  roleIdsByName: new Map(),
  roleNamesById: new Map(),
  divisionIdsByName: new Map(),
  divisionNamesById: new Map(),
};

/** Builds the lookups a plan needs from the org's roles and divisions. */
export function buildLookups(org: Pick<LiveOrg, 'roles' | 'divisions' | 'homeDivision'>): OrgLookups {
  const roleIdsByName = new Map<string, RoleId[]>();
  const roleNamesById = new Map<string, string>();
  for (const role of org.roles) {
    roleIdsByName.set(role.name, [...(roleIdsByName.get(role.name) ?? []), role.id]);
    roleNamesById.set(role.id, role.name);
  }
  const divisionIdsByName = new Map<string, DivisionId[]>();
  const divisionNamesById = new Map<string, string>();
  for (const division of [org.homeDivision, ...org.divisions]) {
    if (divisionNamesById.has(division.id)) continue;
    divisionIdsByName.set(division.name, [...(divisionIdsByName.get(division.name) ?? []), division.id]);
    divisionNamesById.set(division.id, division.name);
  }
  return { roleIdsByName, roleNamesById, divisionIdsByName, divisionNamesById, homeDivisionId: org.homeDivision.id };
}

function compareGrants(a: RoleGrant, b: RoleGrant): number {
  const byRole = a.role_id.localeCompare(b.role_id, 'en');
  return byRole !== 0 ? byRole : a.division_id.localeCompare(b.division_id, 'en');
}

/** One role in one division, as a comparable key (names play no part). */
export function grantKey(grant: Pick<RoleGrant, 'role_id' | 'division_id'>): string {
  return `${grant.role_id}|${grant.division_id}`;
}

/** Sorts and de-duplicates role grants and fills their display names. */
export function normaliseGrants(grants: readonly RoleGrant[], lookups?: OrgLookups): RoleGrant[] {
  const byKey = new Map<string, RoleGrant>();
  for (const grant of grants) {
    const named: RoleGrant = { role_id: grant.role_id, division_id: grant.division_id };
    const roleName = lookups?.roleNamesById.get(grant.role_id) ?? grant.role_name;
    if (roleName !== undefined) named.role_name = roleName;
    const divisionName =
      grant.division_id === ALL_DIVISIONS ? 'all divisions' : (lookups?.divisionNamesById.get(grant.division_id) ?? grant.division_name);
    if (divisionName !== undefined) named.division_name = divisionName;
    byKey.set(grantKey(named), named);
  }
  return [...byKey.values()].sort(compareGrants);
}

/** Spellings the API has used over the years; definitions accept only `GRANT_TYPE_ALIASES`. */
const SPELLINGS: Readonly<Record<string, GrantType>> = { ...GRANT_TYPE_ALIASES, CLIENT_CREDENTIALS: 'CLIENT-CREDENTIALS' };

/** The grant type in today's spelling, whatever case or older spelling it came in (`SAML2BEARER` → `SAML2-BEARER`). */
export function normaliseGrantType(value: string): GrantType {
  const upper = value.trim().toUpperCase();
  return SPELLINGS[upper] ?? (upper as GrantType);
}

/**
 * Genesys (SDK field docs): scopes apply only to clients not using client credentials, roles only to those that do. A
 * stray value of the other field on a live client is ignored, so it never shows as drift that no apply can remove.
 */
export function withApplicableFields<T extends Pick<ClientSpec, 'authorized_grant_type' | 'scopes' | 'roles'>>(spec: T): T {
  const clientCredentials = normaliseGrantType(spec.authorized_grant_type) === 'CLIENT-CREDENTIALS';
  if (clientCredentials ? spec.scopes.length === 0 : spec.roles.length === 0) return spec;
  return clientCredentials ? { ...spec, scopes: [] } : { ...spec, roles: [] };
}

/** Canonical form of a spec; normalising twice changes nothing. */
export function normaliseSpec(input: ClientSpec, lookups?: OrgLookups): ClientSpec {
  const spec = withApplicableFields(input);
  return {
    // Not trimmed: definitions arrive trimmed, and a live name with stray spaces must show as a rename.
    name: spec.name,
    description: spec.description ?? '',
    authorized_grant_type: normaliseGrantType(spec.authorized_grant_type),
    access_token_validity_seconds: spec.access_token_validity_seconds,
    registered_redirect_uris: sortedUnique(spec.registered_redirect_uris),
    scopes: sortedUnique(spec.scopes),
    roles: normaliseGrants(spec.roles, lookups),
    state: spec.state,
  };
}

/** The comparable spec of a live client (support-disabled clients are filtered out before this is needed). */
export function normaliseLive(client: LiveClient, lookups?: OrgLookups): ClientSpec {
  return normaliseSpec({ ...client, state: client.state === 'inactive' ? 'inactive' : 'active' }, lookups);
}

/** Resolves a definition's role and division references and returns its canonical spec, or the problems found. */
export function normaliseDefinition(definition: Definition, lookups: OrgLookups): { spec: ClientSpec; problems: Problem[] } {
  const problems: Problem[] = [];
  const grants: RoleGrant[] = [];
  for (const input of definition.roles) {
    const grant = resolveGrant(input, definition, lookups, problems);
    if (grant) grants.push(grant);
  }
  const spec = normaliseSpec(
    {
      name: definition.name,
      description: definition.description,
      authorized_grant_type: definition.authorized_grant_type,
      access_token_validity_seconds: definition.access_token_validity_seconds,
      registered_redirect_uris: definition.registered_redirect_uris,
      scopes: definition.scopes,
      roles: grants,
      state: definition.state,
    },
    lookups,
  );
  return { spec, problems };
}

function resolveGrant(input: RoleGrantInput, definition: Definition, lookups: OrgLookups, problems: Problem[]): RoleGrant | undefined {
  const at = input.position ?? definition.source;
  const problem = (message: string) => problems.push({ ...at, client: definition.name, message });

  let roleId: RoleId | undefined;
  if (input.role_id !== undefined) {
    if (lookups.roleNamesById.has(input.role_id)) roleId = input.role_id as RoleId;
    else problem(`Role id \`${input.role_id}\` does not exist in the org.`);
  } else if (input.role !== undefined) {
    const ids = lookups.roleIdsByName.get(input.role) ?? [];
    if (ids.length === 1) roleId = ids[0];
    else if (ids.length === 0)
      problem(`Role \`${input.role}\` does not exist in the org${suggest(input.role, lookups.roleIdsByName.keys())}.`);
    else problem(`Role name \`${input.role}\` is shared by ${ids.length} roles (${ids.join(', ')}); use \`role_id\` instead.`);
  }

  let divisionId: DivisionRef | undefined;
  if (input.division_id !== undefined) {
    if (input.division_id === ALL_DIVISIONS || lookups.divisionNamesById.has(input.division_id))
      divisionId = input.division_id as DivisionRef;
    else problem(`Division id \`${input.division_id}\` does not exist in the org.`);
  } else if (input.division !== undefined) {
    if (input.division === ALL_DIVISIONS) divisionId = ALL_DIVISIONS;
    else {
      const ids = lookups.divisionIdsByName.get(input.division) ?? [];
      if (ids.length === 1) divisionId = ids[0];
      else if (ids.length === 0)
        problem(`Division \`${input.division}\` does not exist in the org${suggest(input.division, lookups.divisionIdsByName.keys())}.`);
      else problem(`Division name \`${input.division}\` is shared by ${ids.length} divisions; use \`division_id\` instead.`);
    }
  } else {
    divisionId = lookups.homeDivisionId;
  }

  return roleId && divisionId ? { role_id: roleId, division_id: divisionId } : undefined;
}

/** Lists at most this many names when none is close to what was written. */
const MAX_LISTED_NAMES = 12;

function suggest(wanted: string, known: Iterable<string>): string {
  const names = [...known];
  const close = suggestClosest(wanted, names);
  if (close) return ` (did you mean \`${close}\`?)`;
  // No near miss: the list is the next best help, when it is short enough to read.
  if (names.length === 0 || names.length > MAX_LISTED_NAMES) return '';
  return `; the org has ${[...names]
    .sort()
    .map((name) => `\`${name}\``)
    .join(', ')}`;
}
