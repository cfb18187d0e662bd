// How single values read in a report: roles with names and ids, durations people can picture, visible empty strings.
import { nameGrant } from '../core/grant-names.js';
import type { RoleGrant } from '../core/types.js';

/** `role name (role id) in division name (division id)`; ids alone when names are unknown. */
export function renderRole(grant: RoleGrant): string {
  const { role, division } = nameGrant(grant);
  return `${role} in ${division}`;
}

/** A scalar as a reader wants it: strings quoted (so `""` shows), token lifetimes with their duration. */
export function renderScalar(field: string, value: string | number): string {
  if (typeof value === 'number') return field === 'access_token_validity_seconds' ? `${value} (${renderDuration(value)})` : String(value);
  return field === 'authorized_grant_type' || field === 'state' ? value : JSON.stringify(value);
}

/** `86400` → `24 h`, `200000` → `2 d 7 h 33 min 20 s`: whole days from two days up, then hours, minutes, seconds. */
export function renderDuration(seconds: number): string {
  const parts: string[] = [];
  let rest = seconds;
  if (rest >= 172_800) {
    parts.push(`${Math.floor(rest / 86_400)} d`);
    rest %= 86_400;
  }
  for (const [size, unit] of [
    [3_600, 'h'],
    [60, 'min'],
    [1, 's'],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)} ${unit}`);
      rest %= size;
    }
  }
  return parts.length > 0 ? parts.join(' ') : `${seconds} s`;
}
