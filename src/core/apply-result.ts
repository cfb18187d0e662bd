// What fell short in an apply, split the one way every report tells it: clients that failed, new clients whose
// secret did not reach every channel asked for, clients that did not read back as declared, and clients created twice.
import type { ApplyResult, ClientOutcome, DuplicateCreate } from './types.js';
import { quote } from './escape.js';

export type FailedOutcome = Extract<ClientOutcome, { kind: 'failed' }>;
export type CreatedOutcome = Extract<ClientOutcome, { kind: 'created' }>;
/** An outcome that carries a fresh secret: a created client, or a client whose secret was reset. */
export type DeliveringOutcome = Extract<ClientOutcome, { kind: 'created' | 'secret-reset' }>;

export interface ApplyShortfalls {
  failed: FailedOutcome[];
  /** Created or reset, but the secret missed a channel: the client exists, so a re-run must not create it again. */
  undelivered: DeliveringOutcome[];
  unconverged: string[];
  /** Created twice (a concurrent apply): each copy holds a different secret. */
  duplicates: DuplicateCreate[];
  /** True when nothing fell short. */
  clean: boolean;
}

/** Splits an apply's result into what failed, what was not delivered and what did not converge. */
export function summariseApply(result: ApplyResult | undefined): ApplyShortfalls {
  const outcomes = result?.outcomes ?? [];
  const failed = outcomes.filter((o): o is FailedOutcome => o.kind === 'failed');
  const undelivered = outcomes.filter(
    (o): o is DeliveringOutcome => (o.kind === 'created' || o.kind === 'secret-reset') && (o.deliveryFailures?.length ?? 0) > 0,
  );
  const unconverged = result?.unconverged ?? [];
  const duplicates = result?.duplicates ?? [];
  const clean = failed.length + undelivered.length + unconverged.length + duplicates.length === 0;
  return { failed, undelivered, unconverged, duplicates, clean };
}

/** What a client created twice means and what to do, in one sentence part. */
export function describeDuplicate({ client, id, others }: DuplicateCreate): string {
  return (
    `${quote(client)} exists twice: this run created ${quote(id)}, and ${others.map(quote).join(', ')} appeared ` +
    'beside it (another apply running at the same time); each holds a different secret, so keep the one whose ' +
    'secret was delivered and delete the other, and run every apply of an org in one `concurrency` group'
  );
}
