// Applies a plan to the org (SPEC §7): creates and updates first, deletes last, a few writes in flight at a time,
// one outcome per client whatever happens to the others, then a read-back that waits out Genesys' lag (read-back.ts).
import type { ApplyResult, ClientId, ClientOutcome, Plan, PlanAction } from '../core/types.js';
import type { GenesysConnection } from '../genesys/contract.js';
import { mapConcurrently } from '../core/bounded.js';
import type { AppliedAction } from './diff-applied.js';
import { DEFAULT_READ_BACK_MS, readBack } from './read-back.js';
import type { GitHubSecretDelivery } from './deliver-github-secret.js';
import { resetAndDeliver } from './reset-secret.js';
import { deliverClientSecret, type DeliveredSecret } from './secrets.js';
import { summariseError } from './summarise-error.js';

export interface ExecuteOptions {
  /** Writes in flight at once. */
  concurrency: number;
  /** The repository root: `directory_client_secret` is relative to it. */
  workspace: string;
  /** Called with every created secret before anything else happens with it (the Action passes `core.setSecret`). */
  onSecret(value: string): void;
  /** Receives the secrets of created clients with `expose_client_secret`, for the `client-secrets` output. */
  deliverSecret(delivered: DeliveredSecret): void;
  log(line: string): void;
  /** The Action's own client, never written; read from the org when absent. */
  selfId?: ClientId;
  /** How long the read-back waits for Genesys to show what was written; default 30 s. */
  readBackMs?: number;
  /** Time for the read-back's waits; default real time. */
  clock?: { now(): number; sleep(ms: number): Promise<void> };
  /** Writes GitHub secrets (`github_secret`); absent without a `secrets-token`. */
  github?: GitHubSecretDelivery;
  /** Existing integration credentials by name, so they are updated rather than duplicated. */
  credentialIds?: Readonly<Record<string, string>>;
}

type CreatedOutcome = Extract<ClientOutcome, { kind: 'created' }>;

export type ExecuteResult = ApplyResult;

type WriteAction = Exclude<PlanAction, { kind: 'noop' }>;

interface Context {
  org: GenesysConnection;
  options: ExecuteOptions;
  selfId: ClientId;
  /** Secrets created during this run, cut out of any error message. */
  secrets: Set<string>;
}

/** Executes the plan's writes and reads the org back once; throws only when the org cannot be read before writing. */
export async function executePlan(plan: Plan, org: GenesysConnection, options: ExecuteOptions): Promise<ExecuteResult> {
  const writes = plan.actions.filter((action): action is WriteAction => action.kind !== 'noop');
  if (writes.length === 0) {
    options.log('Nothing to apply.');
    return { outcomes: [], unconverged: [] };
  }
  const secrets = new Set<string>();
  const context: Context = {
    org,
    // The plan was computed from a fresh read; only a caller without one pays for another.
    selfId: options.selfId ?? (await org.readOrg()).self.clientId,
    secrets,
    options: {
      ...options,
      onSecret: (value) => {
        secrets.add(value);
        options.onSecret(value);
      },
    },
  };
  const execute = (action: WriteAction) => executeAction(action, context);
  const firstPhase = writes.filter((action) => action.kind !== 'delete');
  const lastPhase = writes.filter((action) => action.kind === 'delete');
  const outcomes = [
    ...(await mapConcurrently(firstPhase, options.concurrency, execute)),
    ...(await mapConcurrently(lastPhase, options.concurrency, execute)),
  ];
  const applied = [...firstPhase, ...lastPhase].flatMap((action, index): AppliedAction[] => {
    const outcome = outcomes[index];
    return outcome ? [{ action, outcome }] : [];
  });
  const clock = options.clock ?? { now: () => Date.now(), sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) };
  const readBackOptions = {
    boundMs: options.readBackMs ?? DEFAULT_READ_BACK_MS,
    concurrency: options.concurrency,
    log: options.log,
    secrets,
  };
  return { outcomes, ...(await readBack(org, applied, { ...readBackOptions, now: clock.now, sleep: clock.sleep })) };
}

/** An update or a delete: never of the Action's own client, logged before and after the write. */
async function executeChange(
  action: Extract<WriteAction, { kind: 'update' | 'delete' }>,
  context: Context,
  [doing, done]: [string, string],
  write: () => Promise<void>,
): Promise<ClientOutcome> {
  refuseSelf(action.id, action.client, context);
  context.options.log(`${doing} \`${action.client}\`.`);
  await write();
  context.options.log(`${done} \`${action.client}\`.`);
  return { kind: action.kind === 'update' ? 'updated' : 'deleted', client: action.client, id: action.id };
}

async function executeAction(action: WriteAction, context: Context): Promise<ClientOutcome> {
  const { org, options } = context;
  try {
    switch (action.kind) {
      case 'create':
        return await executeCreate(action, context);
      case 'update':
        return await executeChange(action, context, ['Updating', 'Updated'], () => org.updateClient(action.id, action.desired));
      case 'reset-secret':
        refuseSelf(action.id, action.client, context);
        return await resetAndDeliver(action, { ...options, org });
      case 'delete':
        return await executeChange(action, context, ['Deleting', 'Deleted'], () => org.deleteClient(action.id, action.current));
    }
  } catch (thrown) {
    const error = summariseError(thrown, context.secrets);
    const id = action.kind === 'create' ? undefined : action.id;
    options.log(`Failed to ${action.kind} \`${action.client}\`: ${error.message}`);
    return { kind: 'failed', client: action.client, action: action.kind, ...(id ? { id } : {}), error };
  }
}

async function executeCreate(action: Extract<PlanAction, { kind: 'create' }>, context: Context): Promise<CreatedOutcome> {
  const { org, options } = context;
  options.log(`Creating \`${action.client}\`.`);
  const created = await org.createClient(action.desired);
  options.log(`Created \`${action.client}\` (id ${created.id}).`);
  // From here on the client exists: delivery never throws, so this outcome stays `created` whatever happens.
  const delivered = { client: action.client, clientId: created.id, secret: created.secret };
  const report = await deliverClientSecret(delivered, action.delivery, { ...options, org });
  const outcome: CreatedOutcome = {
    kind: 'created',
    client: action.client,
    id: created.id,
    secretDeliveredTo: report.deliveredTo,
    ...(report.integrationCredentialId !== undefined ? { integrationCredentialId: report.integrationCredentialId } : {}),
    ...(report.failures.length > 0 ? { deliveryFailures: report.failures } : {}),
  };
  for (const failure of report.failures) {
    options.log(`Could not deliver the secret of \`${action.client}\` to ${failure.channel}: ${failure.error.message}`);
  }
  return outcome;
}

function refuseSelf(id: ClientId, client: string, context: Context): void {
  if (id === context.selfId) {
    throw new Error(`Refusing to change \`${client}\`: it is the OAuth client this Action authenticates as.`);
  }
}
