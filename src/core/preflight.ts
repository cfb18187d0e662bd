// The identity running the Action must hold every role it grants (and every role of a client it edits), in that
// division or in all divisions. Checked up front so a missing grant shows on the pull request, not at merge time.
import { nameGrant } from './grant-names.js';
import { grantKey } from './normalise.js';
import {
  ALL_DIVISIONS,
  NON_SCIM_MAX_TOKEN_VALIDITY_SECONDS,
  type ClientSpec,
  type Definition,
  type PlanAction,
  type Problem,
  type RoleGrant,
  type SelfIdentity,
} from './types.js';

/** Genesys tells a SCIM (Identity Management) client by its role; the plan knows roles by name only. */
const SCIM_ROLE = /\bscim\b|identity management/i;

/**
 * Above 48 h Genesys accepts a token lifetime only for SCIM clients and answers 400 at apply; the plan knows the
 * client's roles, so a client without a SCIM role is an error on the pull request, not a failure at merge.
 */
export function checkTokenLifetime(definition: Definition, spec: ClientSpec): Problem | undefined {
  const seconds = spec.access_token_validity_seconds;
  if (seconds <= NON_SCIM_MAX_TOKEN_VALIDITY_SECONDS || spec.roles.some((grant) => SCIM_ROLE.test(grant.role_name ?? ''))) return undefined;
  return {
    ...definition.source,
    client: definition.name,
    message:
      `\`access_token_validity_seconds\` is ${seconds}, above ${NON_SCIM_MAX_TOKEN_VALIDITY_SECONDS} (48 hours), which ` +
      `Genesys accepts only for SCIM (Identity Management) clients, and \`${definition.name}\` holds no SCIM role: the apply ` +
      `would fail with a 400. Lower it to ${NON_SCIM_MAX_TOKEN_VALIDITY_SECONDS} or less, or grant the client a SCIM role.`,
  };
}

function holds(self: SelfIdentity, grant: RoleGrant): boolean {
  return self.grants.some(
    (own) => own.role_id === grant.role_id && (own.division_id === ALL_DIVISIONS || own.division_id === grant.division_id),
  );
}

function describeGrant(grant: RoleGrant): string {
  const { role, division } = nameGrant(grant);
  return `role \`${role}\` in ${division}`;
}

function unionOfGrants(a: readonly RoleGrant[], b: readonly RoleGrant[]): RoleGrant[] {
  const keys = new Set(a.map(grantKey));
  return [...a, ...b.filter((grant) => !keys.has(grantKey(grant)))];
}

/** The grants an action needs the Action's own client to hold. */
function grantsNeeded(action: PlanAction): RoleGrant[] {
  // Editing a client takes the roles it will have and the roles it has (Genesys: "the same roles as the client").
  switch (action.kind) {
    case 'create':
      return action.desired.roles;
    case 'update':
      return unionOfGrants(action.desired.roles, action.current.roles);
    case 'delete':
      return action.current.roles;
    // A secret reset changes no roles; Genesys asks only for `oauth:client:edit`.
    case 'reset-secret':
    case 'noop':
      return [];
  }
}

/**
 * Problems for every grant an action needs that the Action's own client does not hold. When its roles are unknown
 * (neither `tokens/me` nor its list entry shows any: a client-credentials client always has one), one warning instead.
 */
export function checkGrants(actions: readonly PlanAction[], self: SelfIdentity): { problems: Problem[]; warnings: Problem[] } {
  const needing = actions.filter((action) => grantsNeeded(action).length > 0);
  if (self.grants.length === 0) {
    if (needing.length === 0) return { problems: [], warnings: [] };
    const message =
      `Genesys showed no roles for the Action's OAuth client \`${self.clientName}\` (neither ` +
      '`GET /api/v2/tokens/me` nor its entry in the client list), so the plan cannot check that it may grant the roles of ' +
      `${needing.map((action) => `\`${action.client}\``).join(', ')}. If it may not, Genesys refuses those clients at apply time.`;
    return { problems: [], warnings: [{ message }] };
  }
  const problems: Problem[] = [];
  for (const action of needing) {
    for (const grant of grantsNeeded(action)) {
      if (holds(self, grant)) continue;
      problems.push({
        client: action.client,
        message:
          `The Action's OAuth client \`${self.clientName}\` does not hold ${describeGrant(grant)}, ` +
          `so Genesys will refuse to ${action.kind} \`${action.client}\`. Grant that role to ` +
          `\`${self.clientName}\` in Genesys Cloud (Admin > OAuth > ${self.clientName} > Roles) first.`,
      });
    }
  }
  return { problems, warnings: [] };
}
