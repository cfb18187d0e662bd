// Hashes of the normalised change set: stable across file order, list order and rendering (specs are normalised,
// so their sets are already sorted).
import { createHash } from 'node:crypto';
import type { ClientSpec, PlanAction, SecretDelivery } from './types.js';

/** Hex sha256 of a text. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * What an action changes, as a tuple in a fixed order: field order never depends on how an object was built, and
 * display-only data (role and division names) and volatile fields play no part.
 */
function changeOf(action: PlanAction): unknown {
  const specOf = (spec: ClientSpec) => [
    spec.name,
    spec.description,
    spec.authorized_grant_type,
    spec.access_token_validity_seconds,
    spec.registered_redirect_uris,
    spec.scopes,
    spec.roles.map((grant) => [grant.role_id, grant.division_id]),
    spec.state,
  ];
  switch (action.kind) {
    case 'create':
      // How the new secret is handed over is part of what was reviewed (a credential is a Genesys write too).
      return ['create', action.client, specOf(action.desired), deliveryTuple(action.delivery)];
    case 'reset-secret':
      return ['reset-secret', action.client, action.id, action.missing, deliveryTuple(action.delivery)];
    case 'update':
      return ['update', action.client, action.id, specOf(action.desired), specOf(action.current)];
    case 'delete':
      return ['delete', action.client, action.id];
    case 'noop':
      return undefined;
  }
}

function deliveryTuple(delivery: SecretDelivery): unknown[] {
  const { expose_client_secret, directory_client_secret, integration_credential_name, github_secret } = delivery;
  const tuple: unknown[] = [expose_client_secret, directory_client_secret ?? null, integration_credential_name ?? null];
  // Appended only when declared, so the hashes of plans without one stay what they were.
  if (github_secret) {
    const { name, environment, repository, client_id_variable } = github_secret;
    tuple.push([name, environment ?? null, repository ?? null, client_id_variable ?? null]);
  }
  return tuple;
}

// A plan's actions are hashed for its hash, then again for each rendering of its marker: remember them.
const actionHashes = new WeakMap<PlanAction, string>();

function fullActionHash(action: PlanAction): string {
  let hash = actionHashes.get(action);
  if (hash === undefined) {
    hash = sha256(JSON.stringify(changeOf(action) ?? null));
    actionHashes.set(action, hash);
  }
  return hash;
}

/** A short digest of one action, so a refused apply can say which clients changed since review. */
export function hashAction(action: PlanAction): string {
  return fullActionHash(action).slice(0, 16);
}

/** The plan hash: sha256 of the sorted hashes of its changes, so it is independent of the order of actions. */
export function hashChangeSet(actions: readonly PlanAction[]): string {
  const changes = actions
    .filter((action) => action.kind !== 'noop')
    .map(fullActionHash)
    .sort();
  return sha256(`[${changes.join(',')}]`);
}
