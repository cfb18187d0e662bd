// How single values read in a report: roles with names and ids, durations people can picture, visible empty strings.
import { ALL_DIVISIONS } from '../core/types.js';
import type { RoleGrant } from '../core/types.js';

/** `role name (role id) in division name (division id)`; ids alone when names are unknown. */
export function renderRole(grant: RoleGrant): string {
  const role = grant.role_name ? `${grant.role_name} (${grant.role_id})` : grant.role_id;
  const division =
    grant.division_id === ALL_DIVISIONS
      ? `all divisions (${ALL_DIVISIONS})`
      : grant.division_name
        ? `${grant.division_name} (${grant.division_id})`
        : grant.division_id;
  return `${role} in ${division}`;
}

/** A scalar as a reader wants it: strings quoted (so `""` shows), token lifetimes with their duration. */
export function renderScalar(field: string, value: string | number): string {
  if (typeof value === 'number') return field === 'access_token_validity_seconds' ? `${value} (${renderDuration(value)})` : String(value);
  return field === 'authorized_grant_type' || field === 'state' ? value : JSON.stringify(value);
}

/** `86400` → `24 h`; whole days from two days up, then hours, minutes, seconds. */
export function renderDuration(seconds: number): string {
  if (seconds >= 172_800 && seconds % 86_400 === 0) return `${seconds / 86_400} d`;
  if (seconds >= 3_600 && seconds % 3_600 === 0) return `${seconds / 3_600} h`;
  if (seconds >= 60 && seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}
