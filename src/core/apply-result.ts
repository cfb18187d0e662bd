// What fell short in an apply, split the one way every report tells it: clients that failed, new clients whose
// secret did not reach every channel asked for, and clients that did not read back as declared.
import type { ApplyResult, ClientOutcome } from './types.js';

export type FailedOutcome = Extract<ClientOutcome, { kind: 'failed' }>;
export type CreatedOutcome = Extract<ClientOutcome, { kind: 'created' }>;

export interface ApplyShortfalls {
  failed: FailedOutcome[];
  /** Created, but the secret missed a channel: the client exists, so a re-run must not create it again. */
  undelivered: CreatedOutcome[];
  unconverged: string[];
  /** True when nothing fell short. */
  clean: boolean;
}

/** Splits an apply's result into what failed, what was not delivered and what did not converge. */
export function summariseApply(result: ApplyResult | undefined): ApplyShortfalls {
  const outcomes = result?.outcomes ?? [];
  const failed = outcomes.filter((o): o is FailedOutcome => o.kind === 'failed');
  const undelivered = outcomes.filter((o): o is CreatedOutcome => o.kind === 'created' && (o.deliveryFailures?.length ?? 0) > 0);
  const unconverged = result?.unconverged ?? [];
  return { failed, undelivered, unconverged, clean: failed.length + undelivered.length + unconverged.length === 0 };
}
