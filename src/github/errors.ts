// GitHub failures turned into one error type whose message says what to do, most often which `permissions:` line
// the job lacks. The raw Octokit error never travels on: its request carries the token's header.
import { isRecord } from '../core/plain-data.js';
import { redactSecrets } from '../report/redact.js';

/** What we were touching, which decides the permission a 403 or 404 asks for. */
export type GitHubResource =
  | 'pr-comments'
  | 'issues'
  | 'pulls'
  | 'contents'
  | 'user'
  | 'contents-write'
  | 'drift-pr'
  | 'secrets'
  | 'variables';

export const PERMISSION_HINTS: Readonly<Record<GitHubResource, string>> = {
  'pr-comments': 'Add `pull-requests: write` under `permissions:` in the job.',
  issues: 'Add `issues: write` under `permissions:` in the job.',
  pulls: 'Add `contents: read` and `pull-requests: read` under `permissions:` in the job.',
  contents: 'Add `contents: read` under `permissions:` in the job.',
  user: "Use the workflow's `GITHUB_TOKEN`, or a token that may read its own user (`GET /user`).",
  'contents-write': 'Add `contents: write` under `permissions:` in the job (the drift pull request pushes a branch).',
  'drift-pr': 'Add `pull-requests: write` under `permissions:` in the job (for the drift pull request).',
  // `GITHUB_TOKEN` can never write secrets or variables, whatever `permissions:` says: these come from `secrets-token`.
  secrets:
    'Give the `secrets-token` the repository permission `Secrets: Read and write` ' +
    '(a fine-grained token, or a GitHub App installation with `secrets: write`).',
  variables:
    'Give the `secrets-token` the repository permission `Variables: Read and write` (a ' +
    'fine-grained token, or a GitHub App installation with `actions_variables: write`).',
};

/** GitHub's 403 message when an installation token (`GITHUB_TOKEN` included) may not do something. */
export const NOT_ACCESSIBLE = 'Resource not accessible by integration';

/** A failed GitHub call: the status (absent for network failures) and a message that says what to do. */
export class GitHubError extends Error {
  readonly status?: number;
  readonly resource: GitHubResource;

  constructor(message: string, details: { status?: number; resource: GitHubResource }) {
    super(message);
    this.name = 'GitHubError';
    this.status = details.status;
    this.resource = details.resource;
  }
}

export interface FailedCall {
  resource: GitHubResource;
  /** What we tried, as in "Could not <action>": `post the plan comment on #12`. */
  action: string;
  /** Removed from the message wherever it appears. */
  token: string;
}

/** Builds the `GitHubError` for whatever Octokit (or fetch) threw; the token never appears in it. */
export function toGitHubError(error: unknown, call: FailedCall): GitHubError {
  if (error instanceof GitHubError) return error;
  const { status, detail, rateLimited } = readErrorDetails(error);
  const what = status === undefined ? `GitHub could not be reached: ${detail}` : `GitHub ${status}${detail ? `: ${detail}` : ''}`;
  const message = `Could not ${call.action} (${what}). ${adviceFor(status, detail, rateLimited, call.resource)}`;
  return new GitHubError(redactSecrets(message, [call.token]), { status, resource: call.resource });
}

function adviceFor(status: number | undefined, detail: string, rateLimited: boolean, resource: GitHubResource): string {
  if (status === undefined) return 'Check the network and `GITHUB_API_URL`, then re-run the job.';
  if (rateLimited) return "GitHub's rate limit was reached: wait for it to reset, then re-run the job.";
  if (status === 401) return 'The `github-token` input was rejected: check that it is set and still valid.';
  if (status === 403 || status === 404) {
    const fork = detail.includes(NOT_ACCESSIBLE)
      ? ' On pull requests from forks the token stays read-only whatever `permissions:` says.'
      : '';
    const hidden = status === 404 ? ' (GitHub answers 404 when the token may not see the resource.)' : '';
    return `${PERMISSION_HINTS[resource]}${hidden}${fork}`;
  }
  if (status === 422) return 'GitHub refused the content; this is a bug in genesys-oauth-sync, please report it.';
  if (status >= 500) return 'GitHub had a server error: re-run the job.';
  return 'Re-run the job; if it keeps failing, please report it.';
}

function readErrorDetails(error: unknown): { status?: number; detail: string; rateLimited: boolean } {
  if (!isRecord(error)) return { detail: String(error), rateLimited: false };
  const response = isRecord(error.response) ? error.response : undefined;
  const rawMessage = typeof error.message === 'string' ? error.message : String(error);
  // Without a response the request never got an answer (refused, reset, timed out), whatever status Octokit made up.
  if (!response) return { detail: rawMessage, rateLimited: false };
  const status = typeof error.status === 'number' ? error.status : undefined;
  const data = isRecord(response.data) ? response.data : undefined;
  const detail = typeof data?.message === 'string' ? data.message : rawMessage;
  const headers = isRecord(response.headers) ? response.headers : {};
  const rateLimited = status === 429 || (status === 403 && (headers['x-ratelimit-remaining'] === '0' || /rate limit/i.test(detail)));
  return { status, detail, rateLimited };
}
