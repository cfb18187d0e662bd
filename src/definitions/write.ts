// Live clients → definition files (the `export` mode): what a person would have written, so an org adopts in minutes.
import { Scalar, stringify } from 'yaml';
import { ALL_DIVISIONS, DEFAULT_TOKEN_VALIDITY_SECONDS, type LiveClient, type RoleGrant } from '../core/types.js';
import { withApplicableFields } from '../core/normalise.js';
import { escapeInterpolation } from './interpolate.js';
import { sortedUnique } from '../core/plain-data.js';

/**
 * Text as it must come back: `${` escaped, and multi-line text double-quoted, since a block scalar cannot carry a
 * line of only spaces (`" \n"` would parse back as `"\n"`).
 */
function text(value: string): string | Scalar {
  const escaped = escapeInterpolation(value);
  if (!escaped.includes('\n')) return escaped;
  const scalar = new Scalar(escaped);
  scalar.type = Scalar.QUOTE_DOUBLE;
  return scalar;
}

type RenderedRole = { role?: string; role_id?: string; division?: string; division_id?: string };

/**
 * One client as YAML: Terraform names in a fixed order, defaults left out, roles and divisions by name, `id` pinned.
 * A client disabled by Genesys support gets no `state` (the Action never touches it) and a comment saying so.
 */
export function renderDefinitionFile(live: LiveClient, homeDivisionId: string, schemaRef: string): string {
  const client = withApplicableFields(live);
  const body: Record<string, unknown> = { name: text(client.name) };
  if (client.description !== '') body.description = text(client.description);
  body.authorized_grant_type = client.authorized_grant_type;
  if (client.access_token_validity_seconds !== DEFAULT_TOKEN_VALIDITY_SECONDS) {
    body.access_token_validity_seconds = client.access_token_validity_seconds;
  }
  const uris = sortedUnique(client.registered_redirect_uris).map(escapeInterpolation);
  if (uris.length > 0) body.registered_redirect_uris = uris;
  const scopes = sortedUnique(client.scopes).map(escapeInterpolation);
  if (scopes.length > 0) body.scopes = scopes;
  const roles = renderRoles(client.roles, homeDivisionId);
  if (roles.length > 0) body.roles = roles;
  if (client.state === 'inactive') body.state = 'inactive';
  body.id = escapeInterpolation(client.id);

  const header = [`# yaml-language-server: $schema=${schemaRef}`];
  if (client.state === 'disabled') {
    header.push('# Disabled by Genesys support: genesys-oauth-sync never changes this client.');
  }
  // lineWidth 0: a folded long description would still parse back, but would not read as the user's own text.
  return `${header.join('\n')}\n${stringify(body, { lineWidth: 0 })}`;
}

function renderRoles(grants: RoleGrant[], homeDivisionId: string): RenderedRole[] {
  const rendered = grants.map((grant) => {
    const role: RenderedRole =
      grant.role_name !== undefined ? { role: escapeInterpolation(grant.role_name) } : { role_id: escapeInterpolation(grant.role_id) };
    if (grant.division_id === ALL_DIVISIONS) role.division = ALL_DIVISIONS;
    else if (grant.division_id === homeDivisionId) return role;
    else if (grant.division_name !== undefined) role.division = escapeInterpolation(grant.division_name);
    else role.division_id = escapeInterpolation(grant.division_id);
    return role;
  });
  const byKey = new Map(
    rendered.map((role) => [JSON.stringify([role.role ?? role.role_id, role.division ?? role.division_id ?? '']), role]),
  );
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, role]) => role);
}

const RESERVED_FILE_NAMES = new Set(['con', 'prn', 'aux', 'nul', 'com1', 'com2', 'com3', 'com4', 'lpt1', 'lpt2', 'lpt3']);
const MAX_BASE_NAME_LENGTH = 60;

/**
 * A safe, lowercase, kebab-case `.yaml` file name for a client, unique against `taken` (compared case-insensitively,
 * since macOS and Windows checkouts are). The chosen name is added to `taken`, so a loop over clients needs no bookkeeping.
 */
export function fileNameForClient(name: string, taken: Set<string>): string {
  const base = baseNameFor(name);
  const takenLower = new Set([...taken].map((file) => file.toLowerCase()));
  let candidate = `${base}.yaml`;
  for (let counter = 2; takenLower.has(candidate); counter += 1) candidate = `${base}-${counter}.yaml`;
  taken.add(candidate);
  return candidate;
}

function baseNameFor(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const base = ascii.slice(0, MAX_BASE_NAME_LENGTH).replace(/-+$/, '');
  if (base === '') return 'client';
  return RESERVED_FILE_NAMES.has(base) ? `${base}-client` : base;
}
