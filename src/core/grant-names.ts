// How a role grant reads for people, the one way every message, report and terminal line names it.
import { ALL_DIVISIONS, type RoleGrant } from './types.js';

export interface GrantNames {
  role: string;
  division: string;
}

/**
 * The role and division of a grant by name, with the id beside a known name (`admin (r-1)`, `all divisions (*)`),
 * or the id alone; `ids: false` leaves the ids out wherever a name is known (`admin`, `all divisions`).
 */
export function nameGrant(grant: RoleGrant, options: { ids?: boolean } = {}): GrantNames {
  const ids = options.ids ?? true;
  const named = (name: string | undefined, id: string) => (name ? (ids ? `${name} (${id})` : name) : id);
  return {
    role: named(grant.role_name, grant.role_id),
    division: named(grant.division_id === ALL_DIVISIONS ? 'all divisions' : grant.division_name, grant.division_id),
  };
}
