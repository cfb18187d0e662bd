// For `check`: drift told from the reader's side. The repository is the intent, the org is what someone changed.
import { stringify } from 'yaml';
import type { Attribution } from '../core/attribution.js';
import { ALL_DIVISIONS, type FieldChange, type PlanAction, type RoleGrant } from '../core/types.js';
import { renderAttribution } from './audit-details.js';
import { identify, orderForReview } from './client-details.js';
import { code, fence, oneLine } from './markdown.js';
import { renderRole, renderScalar } from './values.js';

/** One list item per drifted client: "repository says X, org has Y" and who changed it, missing ones, pruned ones. */
export function renderDriftItems(actions: readonly PlanAction[], attributions: readonly Attribution[] = []): string[] {
  const byId = new Map(attributions.map((attribution) => [attribution.id, attribution]));
  return orderForReview(actions).map((action) => {
    const name = code(action.client);
    switch (action.kind) {
      case 'create':
        return `- ${name} is **missing**: declared in the repository, not in the org.`;
      case 'delete':
        return `- ${name} (${identify(action)}) is in the org but not in the repository, and \`prune\` is on.`;
      case 'reset-secret':
        return (
          `- ${name} (id ${code(action.id)}) declares ${action.missing.map((channel) => MISSING_CHANNEL[channel]).join(' and ')} ` +
          `that ${action.missing.length === 1 ? 'holds' : 'hold'} no secret: the next apply resets its secret and delivers it.`
        );
      default: {
        const changed = renderAttribution(byId.get(action.id));
        return [
          `- ${name} (${identify(action)}) **differs**${changed ? ` (${changed})` : ''}:`,
          ...action.changes.map((change) =>
            change.kind === 'roles' ? renderRoleDrift(change, action.current.roles) : `  - ${describeFieldDrift(change, code)}`,
          ),
        ].join('\n');
      }
    }
  });
}

const MISSING_CHANNEL = { 'github-secret': 'a GitHub secret', 'integration-credential': 'an integration credential' } as const;

/** The two ways out of drift, in the words of the people who have to choose. */
export const DRIFT_WAYS_OUT = [
  '**Two ways out:**',
  "1. **Keep the org's values**: change the definitions to what the org has (listed above) and merge a pull request.",
  "2. **Restore the repository's values**: run apply with `auto-approve: true` (the README's manual *restore* " +
    "workflow, or the CLI's `apply --auto-approve`), which sets the org back to what the repository says.",
].join('\n');

/**
 * One drifted field in words, the same in the issue and at the terminal: "`field`: repository says X, org has Y".
 * `quote` wraps a value for its sink. FieldChange keeps the live value in `old` and the repository's in `new`.
 */
export function describeFieldDrift(change: FieldChange, quote: (text: string) => string): string {
  const field = quote(change.field);
  if (change.kind === 'scalar') {
    return (
      `${field}: repository says ${quote(renderScalar(change.field, change.new))}, ` +
      `org has ${quote(renderScalar(change.field, change.old))}`
    );
  }
  const { inOrgOnly, inRepositoryOnly } = splitSetDrift(change);
  const list = (values: readonly string[]) => values.map(quote).join(', ');
  const parts: string[] = [];
  if (inRepositoryOnly.length > 0) parts.push(`repository has ${list(inRepositoryOnly)}, org does not`);
  if (inOrgOnly.length > 0) parts.push(`org has ${list(inOrgOnly)}, repository does not`);
  return `${field}: ${parts.join('; ')}`;
}

/** A set field's drift from the org's side: what someone added in the org, what they took away. */
export function splitSetDrift(change: Exclude<FieldChange, { kind: 'scalar' }>): { inOrgOnly: string[]; inRepositoryOnly: string[] } {
  // The plan goes from org to repository: it removes what only the org has and adds what only the repository has.
  if (change.kind === 'roles') return { inOrgOnly: change.removed.map(renderRole), inRepositoryOnly: change.added.map(renderRole) };
  return { inOrgOnly: change.removed, inRepositoryOnly: change.added };
}

/**
 * Role drift as the plan comment shows roles: a `diff` from the repository to the org, roles granted in the org first
 * and marked (they are more access than anyone reviewed), then the YAML that keeps the org's roles.
 */
function renderRoleDrift(change: Extract<FieldChange, { kind: 'roles' }>, orgRoles: readonly RoleGrant[]): string {
  const { inOrgOnly, inRepositoryOnly } = splitSetDrift(change);
  const lines = [
    ...inOrgOnly.map((role) => `+ ${oneLine(role)}   ← granted in the org, not in the repository`),
    ...inRepositoryOnly.map((role) => `- ${oneLine(role)}   ← in the repository, not granted in the org`),
  ];
  const summary =
    inOrgOnly.length > 0
      ? `  - ⚠️ ${code('roles')}: the org grants ${inOrgOnly.length === 1 ? 'a role' : `${inOrgOnly.length} roles`} ` +
        'the repository does not declare (more access than was reviewed):'
      : `  - ${code('roles')}: the org lacks ` +
        `${inRepositoryOnly.length === 1 ? 'a role' : `${inRepositoryOnly.length} roles`} the repository declares:`;
  const keep = stringify({ roles: orgRoles.map(renderRoleYaml) }, { lineWidth: 0 })
    .trimEnd()
    .split('\n');
  return [
    summary,
    indent(fence('diff', lines)),
    "    To keep the org's roles, write them in the definition:",
    indent(fence('yaml', orgRoles.length > 0 ? keep : ['roles: []'])),
  ].join('\n');
}

/** A grant as a definition declares it: by name where the org names it, `"*"` for all divisions. */
function renderRoleYaml(grant: RoleGrant): Record<string, string> {
  const role: Record<string, string> = grant.role_name !== undefined ? { role: grant.role_name } : { role_id: grant.role_id };
  if (grant.division_id === ALL_DIVISIONS) return { ...role, division: ALL_DIVISIONS };
  return grant.division_name !== undefined ? { ...role, division: grant.division_name } : { ...role, division_id: grant.division_id };
}

// A block inside the second-level list item of its client.
function indent(block: string): string {
  return block
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
