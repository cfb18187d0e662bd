// Parsers for the attributes of a client whose rules go beyond their type (SPEC §1 table).
import { posix } from 'node:path';
import type { Node } from 'yaml';
import {
  DESIRED_STATES,
  MAX_TOKEN_VALIDITY_SECONDS,
  MIN_TOKEN_VALIDITY_SECONDS,
  NON_SCIM_MAX_TOKEN_VALIDITY_SECONDS,
  type DesiredState,
} from '../core/types.js';
import {
  addProblem,
  addWarning,
  parseIntegerNode,
  parseStringListNode,
  parseStringNode,
  type FileContext,
  type StringValue,
} from './yaml-nodes.js';
import { suggestClosest } from '../core/suggest.js';

/** A token lifetime in range; above 48 hours it is kept, with a warning that only SCIM clients may have it. */
export function parseValidity(ctx: FileContext, node: Node): number | undefined {
  const seconds = parseIntegerNode(ctx, node, 'access_token_validity_seconds');
  if (seconds === undefined) return undefined;
  if (seconds < MIN_TOKEN_VALIDITY_SECONDS || seconds > MAX_TOKEN_VALIDITY_SECONDS) {
    addProblem(
      ctx,
      node,
      `\`access_token_validity_seconds\` must be between ${MIN_TOKEN_VALIDITY_SECONDS} ` +
        `(5 minutes) and ${MAX_TOKEN_VALIDITY_SECONDS} (450 days).`,
    );
    return undefined;
  }
  if (seconds > NON_SCIM_MAX_TOKEN_VALIDITY_SECONDS) {
    addWarning(
      ctx,
      node,
      `\`access_token_validity_seconds\` is above ${NON_SCIM_MAX_TOKEN_VALIDITY_SECONDS} ` +
        '(48 hours): Genesys accepts that only for SCIM (Identity Management) clients.',
    );
  }
  return seconds;
}

/**
 * A list of strings whose every item is checked by `problemWith`: each item it has a problem with is one problem, at
 * the item's position. Undefined when any item had one.
 */
function parseCheckedList(
  ctx: FileContext,
  node: Node,
  label: string,
  problemWith: (item: StringValue, index: number) => string | undefined,
): StringValue[] | undefined {
  const items = parseStringListNode(ctx, node, label);
  if (items === undefined) return undefined;
  let valid = true;
  items.forEach((item, index) => {
    const problem = problemWith(item, index);
    if (problem === undefined) return;
    valid = false;
    addProblem(ctx, item.node, problem);
  });
  return valid ? items : undefined;
}

/** Redirect URIs, each absolute with a scheme once `${VAR}` is substituted. */
export function parseRedirectUris(ctx: FileContext, node: Node): string[] | undefined {
  const uris = parseCheckedList(ctx, node, 'registered_redirect_uris', (uri, index) => {
    const after = uri.substituted ? ' (after `${…}` substitution)' : '';
    // `new URL` quietly encodes a space; Genesys compares redirect URIs as written, so the sign-in would never match.
    if (/\s/.test(uri.value)) {
      return (
        `\`registered_redirect_uris[${index}]\` contains whitespace${after}; ` +
        'a URI cannot. Remove it, or write a space in a path as `%20`.'
      );
    }
    if (isAbsoluteUri(uri.value)) return undefined;
    return (
      `\`registered_redirect_uris[${index}]\` must be an absolute URI ` +
      `with a scheme${after}, such as \`https://app.example.com/callback\`.`
    );
  });
  return uris?.map((uri) => uri.value);
}

function isAbsoluteUri(text: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\S/.test(text)) return false;
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
}

/** Scopes, trimmed; an empty one is a mistake rather than a scope. */
export function parseScopes(ctx: FileContext, node: Node): string[] | undefined {
  const scopes = parseCheckedList(ctx, node, 'scopes', (scope, index) =>
    scope.value.trim() === '' ? `\`scopes[${index}]\` must not be empty.` : undefined,
  );
  return scopes?.map((scope) => scope.value.trim());
}

/** `active` or `inactive`; `disabled` belongs to Genesys support. */
export function parseState(ctx: FileContext, node: Node): DesiredState | undefined {
  const text = parseStringNode(ctx, node, 'state');
  if (text === undefined) return undefined;
  const state = DESIRED_STATES.find((candidate) => candidate === text.value);
  if (state !== undefined) return state;
  const suggestion = suggestClosest(text.value, DESIRED_STATES);
  const hint = suggestion === undefined ? '.' : `; did you mean \`${suggestion}\`?`;
  const disabled = text.value === 'disabled' ? ' (`disabled` is set by Genesys support and cannot be declared)' : '';
  addProblem(ctx, node, `\`state\` must be \`active\` or \`inactive\`${disabled}${hint}`);
  return undefined;
}

/** Trimmed text that must say something. */
export function parseNonEmpty(ctx: FileContext, node: Node, label: string): string | undefined {
  return parseNonEmptyText(ctx, node, label)?.value.trim();
}

/** Like `parseNonEmpty`, keeping the node and whether a variable was substituted. */
export function parseNonEmptyText(ctx: FileContext, node: Node, label: string): StringValue | undefined {
  // An empty value is refused by parseStringNode, with the same message.
  const text = parseStringNode(ctx, node, label);
  if (text === undefined) return undefined;
  if (text.value.trim() === '') {
    addProblem(ctx, node, `\`${label}\` must not be empty.`);
    return undefined;
  }
  return text;
}

/** A folder relative to the repository root that stays inside it: a secret must never be written elsewhere. */
export function parseRepositoryPath(ctx: FileContext, node: Node, label: string): string | undefined {
  const value = parseNonEmpty(ctx, node, label);
  if (value === undefined) return undefined;
  const normalised = posix.normalize(value.replace(/\\/g, '/'));
  if (posix.isAbsolute(normalised) || /^[A-Za-z]:/.test(normalised) || normalised === '..' || normalised.startsWith('../')) {
    addProblem(ctx, node, `\`${label}\` must be a folder inside the repository, relative to its root (such as \`secrets/\`).`);
    return undefined;
  }
  return value;
}
