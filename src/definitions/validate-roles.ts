// `roles`: each grant names a role (by name or id) and at most one division (by name, id, `"*"`, or none for home).
import { isMap, isSeq, type Node } from 'yaml';
import type { RoleGrantInput } from '../core/types.js';
import { ROLE_KEYS } from './definition-keys.js';
import {
  addProblem,
  describeNode,
  entriesOf,
  isEmptyValue,
  positionOf,
  parseStringNode,
  resolveNode,
  shorten,
  type Entry,
  type FileContext,
} from './yaml-nodes.js';
import { suggestClosest } from '../core/suggest.js';

const ROLE_KEY_ALIASES: Readonly<Record<string, string>> = {
  roleId: 'role_id',
  divisionId: 'division_id',
  role_name: 'role',
  roleName: 'role',
  division_name: 'division',
  divisionName: 'division',
  name: 'role',
};

/** The grants of one client; undefined (with problems) when any grant is malformed. */
export function validateRoles(ctx: FileContext, node: Node | undefined): RoleGrantInput[] | undefined {
  if (isEmptyValue(node)) return [];
  if (!isSeq(node)) {
    addProblem(ctx, node, `\`roles\` must be a list of \`{ role, division }\` mappings, not ${describeNode(node)}.`);
    return undefined;
  }
  const grants: RoleGrantInput[] = [];
  let valid = true;
  node.items.forEach((item, index) => {
    const grant = validateRole(ctx, resolveNode(ctx, item), `roles[${index}]`);
    if (grant === undefined) valid = false;
    else grants.push(grant);
  });
  return valid ? grants : undefined;
}

function validateRole(ctx: FileContext, node: Node | undefined, label: string): RoleGrantInput | undefined {
  if (node === undefined) return undefined;
  if (!isMap(node)) {
    addProblem(ctx, node, `\`${label}\` must be a mapping such as \`{ role: Developer, division: Sales }\`, not ${describeNode(node)}.`);
    return undefined;
  }
  const before = ctx.problems.length;
  const grant: RoleGrantInput = { position: positionOf(ctx, node) };
  const entries = entriesOf(ctx, node);
  for (const entry of entries) {
    if (!(ROLE_KEYS as readonly string[]).includes(entry.key)) {
      reportUnknownRoleKey(ctx, entry, label);
      continue;
    }
    if (entry.value === undefined) continue;
    const text = parseStringNode(ctx, entry.value, `${label}.${entry.key}`);
    if (text === undefined) continue;
    const value = text.value.trim();
    if (value === '') addProblem(ctx, entry.value, `\`${label}.${entry.key}\` must not be empty.`);
    else grant[entry.key as (typeof ROLE_KEYS)[number]] = value;
  }
  checkExactlyOne(ctx, node, entries, label);
  return ctx.problems.length === before ? grant : undefined;
}

function checkExactlyOne(ctx: FileContext, node: Node, entries: Entry[], label: string): void {
  const roleKeys = entries.filter((entry) => entry.key === 'role' || entry.key === 'role_id');
  const divisionKeys = entries.filter((entry) => entry.key === 'division' || entry.key === 'division_id');
  if (roleKeys.length === 0) {
    addProblem(ctx, node, `\`${label}\` needs \`role\` (a role name) or \`role_id\`.`);
  }
  // The second of two keys is the one to delete, so the problem points there.
  const secondRole = roleKeys[1];
  if (secondRole !== undefined) {
    addProblem(ctx, secondRole.keyNode, `\`${label}\` has both \`role\` and \`role_id\`; keep one.`);
  }
  const secondDivision = divisionKeys[1];
  if (secondDivision !== undefined) {
    addProblem(ctx, secondDivision.keyNode, `\`${label}\` has both \`division\` and \`division_id\`; keep one.`);
  }
}

function reportUnknownRoleKey(ctx: FileContext, entry: Entry, label: string): void {
  const suggestion = suggestClosest(entry.key, ROLE_KEYS, ROLE_KEY_ALIASES);
  const hint =
    suggestion === undefined
      ? '. A role grant has `role` or `role_id`, and optionally `division` or `division_id`.'
      : `; did you mean \`${suggestion}\`?`;
  addProblem(ctx, entry.keyNode, `Unknown key \`${shorten(entry.key)}\` in \`${label}\`${hint}`);
}
