// What every mode receives and returns. Modes tell a story; the shells (Action, CLI) decide where it is shown.
import type { DriftAdoption } from './adopt.js';
import type { Env, Problem, SourcePosition } from '../core/types.js';
import type { GenesysConnection } from '../genesys/contract.js';
import type { ActionsSecrets } from '../github/actions-secrets.js';
import type { MarkerData } from '../report/marker.js';
import type { Report } from '../report/report.js';
import type { Clock } from './clock.js';

/** Where a mode's story goes: the Action's log and annotations, or the terminal. */
export interface Reporter {
  info(message: string): void;
  debug(message: string): void;
  /** A plan warning, annotated at its file position when it has one. */
  warning(problem: Problem): void;
  /** A definition or plan problem, annotated as an error. */
  error(problem: Problem): void;
  notice(message: string): void;
}

export interface ModeSettings {
  path: string;
  workspace: string;
  label: string;
  /** When the label is derived, how it names the org once the org is known. */
  labelForOrg?: (organizationId: string | undefined) => string;
  prune: boolean;
  ignore: string[];
  autoApprove: boolean;
  failOnDrift: boolean;
  concurrency?: number;
  /** `check`: list clients with no API use for this many days; 0 turns it off (default 90). */
  staleAfterDays?: number;
  /** `apply`: the bound of the read-back's waiting, in seconds (default 30). */
  readBackSeconds?: number;
  /** `review-key`: when set, apply accepts only plan markers signed with it (SPEC §4). */
  reviewKey?: string;
  /** `check`: prepare the drift pull request that adopts the org's values. */
  driftPr?: boolean;
  /** What `${KEY}` in a definition reads: the `variables` input or `--var`, never the environment (SPEC §1). */
  variables?: Readonly<Record<string, string>>;
  /** `rotate` mode: name patterns to rotate now, whatever their age. */
  rotate?: string[];
  /** The CLI names its options as flags (`--path`), the Action as inputs. */
  shell?: 'action' | 'cli';
  /** How this shell applies a plan nobody reviewed (the restore workflow, or the CLI command with the same flags). */
  applyUnreviewed?: string;
}

/** A pull request as apply knows it: the head commit is what a signed review names. */
export interface PullRequestRef {
  number: number;
  url: string;
  headSha?: string;
}

/** Whether the commit being applied is still the tip of the default branch (SPEC §4: a review cannot be replayed). */
export type LatestCheck = { latest: true } | { latest: false; message: string };

/** What apply learns about review from GitHub. */
export type ReviewLookup =
  | { kind: 'reviewed'; pullRequest: PullRequestRef; marker: MarkerData }
  | { kind: 'no-comment'; pullRequest: PullRequestRef }
  | { kind: 'no-pull-request' }
  /** GitHub could not be asked (an outage, a missing permission): nothing counts as reviewed. */
  | { kind: 'unavailable'; message: string };

export interface ModeDeps {
  settings: ModeSettings;
  env: Env;
  reporter: Reporter;
  /** Connects lazily, so `validate` never loads or constructs the Genesys client. */
  openGenesys: () => Promise<GenesysConnection>;
  /** Masks and records a secret for redaction. */
  onSecret: (value: string) => void;
  /** How apply finds the reviewed plan; absent where there is no GitHub (the CLI). */
  findReview?: (label: string) => Promise<ReviewLookup>;
  /** The clock of the audit's windows; default the real one. */
  now?: () => Date;
  /** Asks GitHub whether this commit is still the default branch's tip; absent where there is no GitHub (the CLI). */
  checkLatest?: () => Promise<LatestCheck>;
  /** Writes the `applying` marker (with the creates) on the pull request's comment before apply's first write. */
  markApplying?: (pullRequest: PullRequestRef, report: Report) => Promise<void>;
  /** GitHub Actions secrets through the `secrets-token`; absent when none is set. */
  actionsSecrets?: ActionsSecrets;
  /** `owner/name` of this repository: where `github_secret.repository` defaults to. */
  repository?: string;
  /** The clock the run waits on (retries, the read-back); default the run clock (real time outside tests). */
  clock?: Clock;
}

export interface ExposedSecret {
  client_id: string;
  client_secret: string;
}

/**
 * What a mode returns: the report (plan, problems, failure, refusal, apply result, drift: each in one place, and safe
 * to render) and what only the shells may see.
 */
export interface ModeOutcome {
  report: Report;
  /** Each declared client's `id:` line (or `name:` line), for annotations beside the edit. */
  anchors?: Record<string, SourcePosition>;
  /** Created or rotated clients with `expose_client_secret`, by name. Never rendered. */
  exposedSecrets?: Record<string, ExposedSecret>;
  /** The pull request apply found, so its comment can show the result. */
  pullRequest?: PullRequestRef;
  /** `check` with `drift-pr`: the definitions rewritten to the org's values, and their plan. */
  adoption?: DriftAdoption;
}
