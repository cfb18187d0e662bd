// Field-level differences between two normalised specs, computed structurally by json-diff-ts: sets are keyed by
// value (order never matters), role grants by role and division id (names never matter).
import { diff, type IChange } from 'json-diff-ts';
import { grantKey } from './normalise.js';
import type { ClientSpec, FieldChange, RoleGrant } from './types.js';

const SCALAR_FIELDS = ['name', 'description', 'authorized_grant_type', 'access_token_validity_seconds', 'state'] as const;
type ScalarField = (typeof SCALAR_FIELDS)[number];

/** The order fields are shown in, most consequential first. */
const FIELD_ORDER: readonly FieldChange['field'][] = [
  'state',
  'name',
  'authorized_grant_type',
  'roles',
  'scopes',
  'registered_redirect_uris',
  'access_token_validity_seconds',
  'description',
];

function comparable(spec: ClientSpec) {
  return {
    ...spec,
    roles: spec.roles.map((grant) => ({ role_id: grant.role_id, division_id: grant.division_id })),
  };
}

const sameMembers = (a: readonly string[], b: readonly string[]) => {
  const inA = new Set(a);
  return a.length === b.length && inA.size === a.length && new Set(b).size === b.length && b.every((member) => inA.has(member));
};

/** Equality of two specs as sets and scalars; most clients of a plan are unchanged, and this is far cheaper than a diff. */
function isUnchanged(desired: ClientSpec, current: ClientSpec): boolean {
  return (
    SCALAR_FIELDS.every((field) => desired[field] === current[field]) &&
    sameMembers(desired.scopes, current.scopes) &&
    sameMembers(desired.registered_redirect_uris, current.registered_redirect_uris) &&
    sameMembers(desired.roles.map(grantKey), current.roles.map(grantKey))
  );
}

/** What must change to turn `current` into `desired`; empty when they are equal. */
export function diffClient(desired: ClientSpec, current: ClientSpec): FieldChange[] {
  if (isUnchanged(desired, current)) return [];
  const changes = diff(comparable(current), comparable(desired), {
    embeddedObjKeys: {
      registered_redirect_uris: '$value',
      scopes: '$value',
      roles: (grant: RoleGrant, returnKeyName?: boolean) => (returnKeyName ? 'grant' : grantKey(grant)),
    },
  });
  const result: FieldChange[] = [];
  for (const change of changes) {
    const field = change.key as FieldChange['field'];
    if ((SCALAR_FIELDS as readonly string[]).includes(field)) {
      result.push({ kind: 'scalar', field: field as ScalarField, old: current[field as ScalarField], new: desired[field as ScalarField] });
    } else if (field === 'scopes' || field === 'registered_redirect_uris') {
      const { added, removed } = membersOf(change);
      result.push({ kind: 'set', field, added: added as string[], removed: removed as string[] });
    } else if (field === 'roles') {
      const { added, removed } = membersOf(change);
      const withNames = (grants: unknown[], from: ClientSpec) =>
        grants.map((grant) => from.roles.find((r) => grantKey(r) === grantKey(grant as RoleGrant)) ?? (grant as RoleGrant));
      result.push({ kind: 'roles', field, added: withNames(added, desired), removed: withNames(removed, current) });
    }
  }
  return result.sort((a, b) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field));
}

function membersOf(change: IChange): { added: unknown[]; removed: unknown[] } {
  const added: unknown[] = [];
  const removed: unknown[] = [];
  for (const member of change.changes ?? []) {
    if (member.type === 'ADD') added.push(member.value);
    else if (member.type === 'REMOVE') removed.push(member.value);
  }
  return { added, removed };
}
