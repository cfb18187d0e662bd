// The identity running the Action must hold every role it grants (and every role of a client it edits), in that
// division or in all divisions. Checked up front so a missing grant shows on the pull request, not at merge time.
import { grantKey } from './normalise.js';
import { ALL_DIVISIONS, type PlanAction, type Problem, type RoleGrant, type SelfIdentity } from './types.js';

function holds(self: SelfIdentity, grant: RoleGrant): boolean {
  return self.grants.some(
    (own) => own.role_id === grant.role_id && (own.division_id === ALL_DIVISIONS || own.division_id === grant.division_id),
  );
}

function describe(grant: RoleGrant): string {
  const role = grant.role_name ? `${grant.role_name} (${grant.role_id})` : grant.role_id;
  const division =
    grant.division_id === ALL_DIVISIONS
      ? 'all divisions (`*`)'
      : grant.division_name
        ? `${grant.division_name} (${grant.division_id})`
        : grant.division_id;
  return `role \`${role}\` in ${division}`;
}

function unionOfGrants(a: readonly RoleGrant[], b: readonly RoleGrant[]): RoleGrant[] {
  const keys = new Set(a.map(grantKey));
  return [...a, ...b.filter((grant) => !keys.has(grantKey(grant)))];
}

/** Problems for every grant an action needs that the Action's own client does not hold. */
export function checkGrants(actions: readonly PlanAction[], self: SelfIdentity): Problem[] {
  const problems: Problem[] = [];
  for (const action of actions) {
    // Editing a client takes the roles it will have and the roles it has (Genesys: "the same roles as the client").
    const needed =
      action.kind === 'create'
        ? action.desired.roles
        : action.kind === 'update'
          ? unionOfGrants(action.desired.roles, action.current.roles)
          : action.kind === 'delete'
            ? action.current.roles
            : [];
    for (const grant of needed) {
      if (holds(self, grant)) continue;
      problems.push({
        client: action.client,
        message: `The Action's OAuth client \`${self.clientName}\` does not hold ${describe(grant)}, so Genesys will refuse to ${action.kind} \`${action.client}\`. Grant that role to \`${self.clientName}\` in Genesys Cloud (Admin > OAuth > ${self.clientName} > Roles) first.`,
      });
    }
  }
  return problems;
}
