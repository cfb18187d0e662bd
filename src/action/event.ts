// Which mode `auto` means for the event that started the run (SPEC §4). Pure: the payload comes in as data.
import type { RunMode } from '../core/types.js';
import type { Options } from '../modes/options.js';

export interface EventInfo {
  name: string;
  payload: EventPayload;
  sha: string;
  ref: string;
  repository: { owner: string; repo: string };
  run?: { url: string; name: string };
}

/** The parts of a webhook payload the Action reads. */
export interface EventPayload {
  pull_request?: {
    number: number;
    html_url?: string;
    head?: { sha?: string; repo?: { full_name?: string; fork?: boolean } | null };
    base?: { repo?: { full_name?: string } };
  };
  repository?: { full_name?: string; default_branch?: string };
}

export interface ModeChoice {
  mode: RunMode;
  /** Why, in words, for the log. */
  reason: string;
  /** A pull request from a fork: no secrets, a read-only token. */
  fork: boolean;
}

const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_target'];

/** A pull request from a fork, whichever event carries it: `pull_request_target` runs with secrets, but it is still a fork's. */
export function isForkPullRequest(event: EventInfo): boolean {
  const pr = event.payload.pull_request;
  if (!pr || !PULL_REQUEST_EVENTS.includes(event.name)) return false;
  const head = pr.head?.repo;
  // A fork that was deleted since the pull request was opened leaves `head.repo` null; it is still a fork.
  if (head === null || head?.fork === true) return true;
  const base = event.payload.repository?.full_name ?? pr.base?.repo?.full_name;
  return head?.full_name !== undefined && base !== undefined && head.full_name !== base;
}

/** Chooses the mode: an explicit `mode` wins; `auto` follows the event. */
export function chooseMode(event: EventInfo, options: Pick<Options, 'mode'>): ModeChoice {
  const fork = isForkPullRequest(event);
  // Whatever the workflow asks for: a fork's definitions never meet the credentials (SPEC §4).
  if (fork) return { mode: 'validate', reason: `a pull request from a fork (\`${event.name}\`): definitions only`, fork };
  if (options.mode !== 'auto') return { mode: options.mode, reason: `\`mode: ${options.mode}\``, fork };
  if (PULL_REQUEST_EVENTS.includes(event.name)) return { mode: 'plan', reason: `a \`${event.name}\` event`, fork };
  if (event.name === 'push') {
    const defaultBranch = event.payload.repository?.default_branch;
    if (defaultBranch !== undefined && event.ref === `refs/heads/${defaultBranch}`) {
      return { mode: 'apply', reason: `a push to the default branch \`${defaultBranch}\``, fork };
    }
    return { mode: 'plan', reason: `a push to \`${event.ref}\`, not the default branch`, fork };
  }
  if (event.name === 'schedule' || event.name === 'workflow_dispatch') {
    return { mode: 'check', reason: `a \`${event.name}\` event`, fork };
  }
  return { mode: 'plan', reason: `a \`${event.name}\` event (no mode of its own)`, fork };
}
