// Hashes of the normalised change set: stable across file order, list order and rendering.
import { createHash } from 'node:crypto';
import type { PlanAction } from './types.js';

/** JSON with object keys sorted at every depth, so equal data always gives equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}

/** Hex sha256 of a text. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** What an action changes, without display-only data (role and division names) or volatile fields. */
export function changeOf(action: PlanAction): unknown {
  const stripNames = <T extends object>(spec: T): T => {
    const copy = { ...spec } as Record<string, unknown>;
    if (Array.isArray(copy.roles)) {
      copy.roles = (copy.roles as { role_id: string; division_id: string }[]).map(({ role_id, division_id }) => ({ role_id, division_id }));
    }
    return copy as T;
  };
  switch (action.kind) {
    case 'create':
      // How the new secret is handed over is part of what was reviewed (a credential is a Genesys write too).
      return { kind: 'create', client: action.client, desired: stripNames(action.desired), delivery: action.delivery };
    case 'update':
      return { kind: 'update', client: action.client, id: action.id, desired: stripNames(action.desired), current: stripNames(action.current) };
    case 'delete':
      return { kind: 'delete', client: action.client, id: action.id };
    case 'noop':
      return undefined;
  }
}

// A plan's actions are hashed for its hash, then again for each rendering of its marker: remember them.
const actionHashes = new WeakMap<PlanAction, string>();

function fullActionHash(action: PlanAction): string {
  let hash = actionHashes.get(action);
  if (hash === undefined) {
    hash = sha256(canonicalJson(changeOf(action) ?? null));
    actionHashes.set(action, hash);
  }
  return hash;
}

/** A short digest of one action, so a refused apply can say which clients changed since review. */
export function hashAction(action: PlanAction): string {
  return fullActionHash(action).slice(0, 12);
}

/** The plan hash: sha256 of the sorted hashes of its changes, so it is independent of the order of actions. */
export function hashChangeSet(actions: readonly PlanAction[]): string {
  const changes = actions
    .filter((action) => action.kind !== 'noop')
    .map(fullActionHash)
    .sort();
  return sha256(`[${changes.join(',')}]`);
}
