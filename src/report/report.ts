// What a report shows: plain data from a mode, turned into Markdown by `render.ts`.
import type { CheckAudit } from '../core/audit.js';
import type { DriftSummary } from '../core/drift.js';
import type { ApplyResult, ClientOutcome, DueSecret, Failure, Plan, Problem } from '../core/types.js';

export type ReportKind = 'validate' | 'plan' | 'apply' | 'check' | 'rotate';

/** What `rotate` did: one outcome per secret reset (or failed reset), and what it refused to rotate. */
export interface RotationResult {
  /** Why each client was chosen: due, or named by the `rotate` input. */
  chosen: (DueSecret | { client: string; named: true })[];
  outcomes: ClientOutcome[];
  refused: { client: string; reason: string }[];
}

export interface Refusal {
  reason: 'plan-changed' | 'not-reviewed' | 'not-latest';
  /** Readable, one per client (`describePlanDifferences`). */
  differences: string[];
  /** What to do next, e.g. re-run the plan or set `auto-approve: true`. */
  hint: string;
}

export interface Report {
  label: string;
  kind: ReportKind;
  /** Absent when the definitions were invalid or Genesys could not be read. */
  plan?: Plan;
  /** Definition problems (validate); plan problems live in `plan.problems`. */
  problems: Problem[];
  warnings: Problem[];
  /** After apply. */
  apply?: ApplyResult;
  refusal?: Refusal;
  /** A failure that stopped the run (e.g. `auth-failed`), with a message that says what to do. */
  failure?: Failure;
  /** The status line links the run: `[workflow #12](url)`. */
  run?: { url: string; name: string };
  /** Region or org shown in the headline. */
  org?: string;
  /** The reviewed plan's hash and digests, kept in the marker when apply refuses, so a re-run never adopts an unreviewed plan. */
  reviewed?: { hash?: string; clients?: Record<string, string>; status?: string; creates?: string[] };
  /** For `check`, when the plan could be computed: what differs, and whether that is drift. */
  drift?: DriftSummary;
  /** For `check`: who changed the drifted clients, and clients nobody uses. */
  audit?: CheckAudit;
  /** Written before apply's first write (marker `applying`): the clients it is about to create. */
  applying?: { creates: string[] };
  /** Clients an earlier, interrupted apply created: their secrets were never delivered (SPEC §4, §10). */
  interrupted?: { clients: string[] };
  /** For `check` with `drift-pr`: the pull request that adopts the org's values, or why it could not be written. */
  driftPullRequest?: { number: number; url: string } | { failure: string };
  /** For `rotate`. */
  rotation?: RotationResult;
}
