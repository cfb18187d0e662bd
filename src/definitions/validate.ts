// One client mapping → one Definition, or one problem per mistake in it (SPEC §1).
import { hasControls } from '../core/escape.js';
import { isScalar, type Node, type YAMLMap } from 'yaml';
import {
  DEFAULT_TOKEN_VALIDITY_SECONDS,
  GRANT_TYPE_ALIASES,
  GRANT_TYPES,
  type Definition,
  type GrantType,
  type SourcePosition,
} from '../core/types.js';
import {
  parseNonEmpty,
  parseNonEmptyText,
  parseRepositoryPath,
  parseRedirectUris,
  parseScopes,
  parseState,
  parseValidity,
} from './attribute-rules.js';
import { API_NAME_ALIASES, CLIENT_KEYS, READ_ONLY_KEYS, SCHEMA_KEY, type ClientKey } from './definition-keys.js';
import {
  addProblem,
  addWarning,
  describeNode,
  entriesOf,
  isEmptyValue,
  parseBooleanNode,
  parseStringNode,
  positionOf,
  shorten,
  type Entry,
  type FileContext,
  type StringValue,
} from './yaml-nodes.js';
import { validateRoles } from './validate-roles.js';
import { parseGitHubSecret, parseRotationDays } from './validate-github-secret.js';
import { suggestClosest } from '../core/suggest.js';
import { gitHubSecretKey } from '../core/github-secret-key.js';

export interface ValidatedClient {
  /** Present only when the client has no problem at all. */
  definition?: Definition;
  /** Known whenever `name` itself is valid, so duplicates are found even among clients with other mistakes. */
  name?: { value: string; position: SourcePosition };
  id?: { value: string; position: SourcePosition };
  /** The GitHub secret it delivers to, so two clients never overwrite each other's secret. */
  githubSecret?: { value: string; position: SourcePosition };
}

type Fields = Partial<Record<ClientKey, Entry>>;

/**
 * Checks one client mapping against every rule of SPEC §1; problems go to `ctx`, each carrying the client's name.
 * `topLevel` is true for a one-client file, whose mapping may also hold `$schema`.
 */
export function validateClient(ctx: FileContext, map: YAMLMap, topLevel: boolean): ValidatedClient {
  const problemsBefore = ctx.problems.length;
  const warningsBefore = ctx.warnings.length;
  const fields: Fields = {};
  for (const entry of entriesOf(ctx, map)) {
    if (topLevel && entry.key === SCHEMA_KEY) checkSchemaReference(ctx, entry.value);
    else if ((CLIENT_KEYS as readonly string[]).includes(entry.key)) fields[entry.key as ClientKey] = entry;
    else reportUnknownKey(ctx, entry);
  }

  const name = parseName(ctx, map, fields.name);
  const grantType = parseGrantType(ctx, map, fields.authorized_grant_type);
  const description = optional(fields.description, (node) => parseStringNode(ctx, node, 'description')?.value, '');
  const validity = optional(fields.access_token_validity_seconds, (node) => parseValidity(ctx, node), DEFAULT_TOKEN_VALIDITY_SECONDS);
  const uris = optional(fields.registered_redirect_uris, (node) => parseRedirectUris(ctx, node), []);
  const scopes = optional(fields.scopes, (node) => parseScopes(ctx, node), []);
  const roles = optional(fields.roles, (node) => validateRoles(ctx, node), []);
  const state = optional(fields.state, (node) => parseState(ctx, node), 'active');
  const id = optional(fields.id, (node) => parseNonEmpty(ctx, node, 'id'), undefined);
  const expose = optional(fields.expose_client_secret, (node) => parseBooleanNode(ctx, node, 'expose_client_secret'), false);
  const directory = optional(
    fields.directory_client_secret,
    (node) => parseRepositoryPath(ctx, node, 'directory_client_secret'),
    undefined,
  );
  const credential = optional(
    fields.integration_credential_name,
    (node) => parseNonEmpty(ctx, node, 'integration_credential_name'),
    undefined,
  );

  const githubSecret = optional(fields.github_secret, (node) => parseGitHubSecret(ctx, node), undefined);
  const rotationDays = optional(fields.secret_rotation_days, (node) => parseRotationDays(ctx, node), undefined);
  if (rotationDays.value !== undefined && fields.github_secret === undefined && fields.integration_credential_name === undefined) {
    addProblem(
      ctx,
      fields.secret_rotation_days?.keyNode,
      '`secret_rotation_days` needs a delivery that records when the secret ' +
        'was written: add `github_secret` or `integration_credential_name`.',
    );
  }

  if (grantType !== undefined) {
    checkGrantRules(ctx, map, grantType, fields, { uris, scopes, roles });
  }

  const client = name?.value;
  if (client !== undefined) {
    for (const problem of ctx.problems.slice(problemsBefore)) problem.client ??= client;
    for (const warning of ctx.warnings.slice(warningsBefore)) warning.client ??= client;
  }
  const result: ValidatedClient = {};
  if (name !== undefined) result.name = { value: name.value, position: positionOf(ctx, name.node) };
  if (id?.value !== undefined && fields.id?.value !== undefined)
    result.id = { value: id.value, position: positionOf(ctx, fields.id.value) };
  if (githubSecret.value !== undefined && fields.github_secret?.value !== undefined)
    result.githubSecret = { value: gitHubSecretKey(githubSecret.value), position: positionOf(ctx, fields.github_secret.value) };
  if (ctx.problems.length > problemsBefore || name === undefined || grantType === undefined) return result;
  const fieldsRead = [description, validity, uris, scopes, roles, state, id, expose, directory, credential, githubSecret, rotationDays];
  if (fieldsRead.some((field) => !field.valid)) return result;

  const definition: Definition = {
    name: name.value,
    authorized_grant_type: grantType,
    description: description.value ?? '',
    access_token_validity_seconds: validity.value ?? DEFAULT_TOKEN_VALIDITY_SECONDS,
    registered_redirect_uris: uris.value ?? [],
    scopes: scopes.value ?? [],
    roles: roles.value ?? [],
    state: state.value ?? 'active',
    expose_client_secret: expose.value ?? false,
    source: positionOf(ctx, map),
  };
  if (result.name !== undefined) definition.namePosition = result.name.position;
  if (result.id !== undefined) definition.idPosition = result.id.position;
  if (id.value !== undefined) definition.id = id.value;
  if (directory.value !== undefined) definition.directory_client_secret = directory.value;
  if (credential.value !== undefined) definition.integration_credential_name = credential.value;
  if (githubSecret.value !== undefined) definition.github_secret = githubSecret.value;
  if (rotationDays.value !== undefined) definition.secret_rotation_days = rotationDays.value;
  return { ...result, definition };
}

interface Field<T> {
  /** False when the key is present but its value was refused (already reported). */
  valid: boolean;
  value: T | undefined;
}

/** An absent or empty value takes the default, as an unset Terraform attribute does. */
function optional<T>(entry: Entry | undefined, read: (node: Node) => T | undefined, fallback: T): Field<T> {
  if (entry?.value === undefined) return { valid: entry === undefined, value: entry === undefined ? fallback : undefined };
  if (isEmptyValue(entry.value)) return { valid: true, value: fallback };
  const value = read(entry.value);
  return { valid: value !== undefined, value };
}

function parseName(ctx: FileContext, map: YAMLMap, entry: Entry | undefined): StringValue | undefined {
  if (entry === undefined) {
    addProblem(ctx, map, '`name` is required.');
    return undefined;
  }
  if (entry.value === undefined) return undefined;
  const text = parseNonEmptyText(ctx, entry.value, 'name');
  if (text === undefined) return undefined;
  const value = text.value.trim();
  // A name reaches log lines, terminals and reports: a newline in it could start a workflow command.
  const characters = [...value];
  const control = characters.findIndex(hasControls);
  if (control >= 0) {
    const codePoint = `U+${(characters[control]?.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
    addProblem(
      ctx,
      entry.value,
      `\`name\` must not contain control characters (newline, tab, ESC …); character ${control + 1} is ${codePoint}. Remove it.`,
    );
    return undefined;
  }
  return { ...text, value };
}

function parseGrantType(ctx: FileContext, map: YAMLMap, entry: Entry | undefined): GrantType | undefined {
  const choices = `one of ${GRANT_TYPES.map((grant) => `\`${grant}\``).join(', ')}`;
  if (entry === undefined) {
    addProblem(ctx, map, `\`authorized_grant_type\` is required: ${choices}.`);
    return undefined;
  }
  if (entry.value === undefined) return undefined;
  const text = parseNonEmptyText(ctx, entry.value, 'authorized_grant_type');
  if (text === undefined) return undefined;
  const alias = Object.hasOwn(GRANT_TYPE_ALIASES, text.value) ? GRANT_TYPE_ALIASES[text.value] : undefined;
  const found = GRANT_TYPES.find((grant) => grant === text.value) ?? alias;
  if (found !== undefined) return found;
  const suggestion = suggestClosest(text.value, [...GRANT_TYPES, ...Object.keys(GRANT_TYPE_ALIASES)]);
  const canonical = suggestion === undefined ? undefined : (GRANT_TYPE_ALIASES[suggestion] ?? suggestion);
  const hint = canonical === undefined ? '.' : `; did you mean \`${canonical}\`?`;
  addProblem(ctx, entry.value, `\`authorized_grant_type\` must be ${choices}${hint}`);
  return undefined;
}

interface GrantDependent {
  uris: Field<string[]>;
  scopes: Field<string[]>;
  roles: Field<unknown[]>;
}

function checkGrantRules(ctx: FileContext, map: YAMLMap, grant: GrantType, fields: Fields, values: GrantDependent): void {
  const require = (key: 'registered_redirect_uris' | 'scopes' | 'roles', field: Field<unknown[]>): void => {
    if (!field.valid || (field.value?.length ?? 0) > 0) return;
    const entry = fields[key];
    if (entry === undefined) addProblem(ctx, map, `\`${key}\` is required when \`authorized_grant_type\` is ${grant}.`);
    else addProblem(ctx, entry.keyNode, `\`${key}\` must not be empty when \`authorized_grant_type\` is ${grant}.`);
  };
  // Genesys (SDK field docs): scopes apply only to clients not using client credentials, roles only to those that do.
  const forbid = (key: 'scopes' | 'roles', field: Field<unknown[]>, why: string): void => {
    const entry = fields[key];
    if (!field.valid || entry === undefined || (field.value?.length ?? 0) === 0) return;
    addProblem(ctx, entry.keyNode, `\`${key}\` must not be set when \`authorized_grant_type\` is ${grant}: ${why} Remove \`${key}\`.`);
  };
  if (grant === 'CODE' || grant === 'TOKEN') require('registered_redirect_uris', values.uris);
  if (grant === 'CLIENT-CREDENTIALS') {
    require('roles', values.roles);
    forbid(
      'scopes',
      values.scopes,
      'Genesys applies scopes only to the other grant types, and a client-credentials client gets its permissions from `roles`.',
    );
  } else {
    require('scopes', values.scopes);
    forbid(
      'roles',
      values.roles,
      'Genesys applies roles only to client-credentials clients; this one acts for a signed-in user, with `scopes`.',
    );
  }
  if (grant === 'TOKEN') {
    addWarning(
      ctx,
      fields.authorized_grant_type?.value ?? map,
      '`authorized_grant_type` TOKEN (implicit) is on its way out: Genesys accepts no new implicit ' +
        'clients since March 2026 and ends the grant in March 2027. Move the app to CODE with PKCE.',
    );
  }
}

function reportUnknownKey(ctx: FileContext, entry: Entry): void {
  const key = shorten(entry.key);
  let message: string;
  if (READ_ONLY_KEYS.has(entry.key)) {
    message = `\`${key}\` is set by Genesys and cannot be declared; remove it.`;
  } else if (entry.key === '<<') {
    message = 'YAML merge keys (`<<`) are not supported; write the keys out.';
  } else if (entry.key === SCHEMA_KEY) {
    message = '`$schema` belongs at the top of the file, not inside a client; move it up or remove it.';
  } else {
    const suggestion = suggestClosest(entry.key, CLIENT_KEYS, API_NAME_ALIASES);
    message =
      suggestion === undefined
        ? `Unknown key \`${key}\`. A client has ${CLIENT_KEYS.map((known) => `\`${known}\``).join(', ')}.`
        : `Unknown key \`${key}\`; did you mean \`${suggestion}\`?`;
  }
  addProblem(ctx, entry.keyNode, message);
}

/** `$schema` is for editors; the Action ignores its value but not a value that cannot be a path or URL. */
export function checkSchemaReference(ctx: FileContext, node: Node | undefined): void {
  if (node !== undefined && !(isScalar(node) && typeof node.value === 'string')) {
    addProblem(ctx, node, `\`$schema\` must be text (the path or URL of the JSON Schema), not ${describeNode(node)}.`);
  }
}
