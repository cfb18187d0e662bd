// The one place that talks to Octokit. Plain objects in and out, every failure a `GitHubError` with advice.
// The client is `@octokit/rest` (the same `@octokit/core` as `@actions/github`, so the bundle holds one copy);
// `@actions/github` lends it the runner's proxy-aware fetch and the orchestration-id user agent.
import { defaults as actionsDefaults, getUserAgentWithOrchestrationId } from '@actions/github/lib/utils';
import { Octokit } from '@octokit/rest';
import { GitHubError, NOT_ACCESSIBLE, toGitHubError } from './errors.js';
import type { GitHubResource } from './errors.js';
import { quote } from '../core/escape.js';
import { createGitDataApi, type GitDataApi } from './git-data.js';

export interface GitHubOptions {
  token: string;
  /** `GITHUB_API_URL`: api.github.com, a GHES `/api/v3` URL, or a fake server in tests. */
  apiUrl: string;
  owner: string;
  repo: string;
  /** Per request; default 30 s, so a hung GitHub cannot hold the job for hours. */
  timeoutMs?: number;
  /** Waits between retries of the identity lookup; injected by tests. */
  sleep?: (ms: number) => Promise<void>;
}

export interface Comment {
  id: number;
  nodeId: string;
  url: string;
  body: string;
  author?: string;
}

export interface Issue {
  number: number;
  url: string;
  title: string;
  body: string;
  state: 'open' | 'closed';
  author?: string;
}

export interface PullRequest {
  number: number;
  url: string;
  state: string;
  mergedAt?: string;
  mergeCommitSha?: string;
  headSha?: string;
}

/** Whether a comment thread belongs to a pull request or an issue: it decides which permission a 403 asks for. */
export type Thread = 'pull-request' | 'issue';

/** What the Action needs of GitHub, and nothing else. */
export interface GitHub {
  readonly owner: string;
  readonly repo: string;
  /** The login our comments and issues are written as; asked once per connection. */
  ownLogin(): Promise<string>;
  /** The thread's comments, oldest first, one page (up to 100) at a time. */
  listComments(issueNumber: number, thread: Thread): AsyncIterable<Comment[]>;
  createComment(issueNumber: number, body: string, thread: Thread): Promise<Comment>;
  updateComment(commentId: number, body: string, thread: Thread): Promise<Comment>;
  /** Issues (never pull requests) in one state, newest first, one page at a time. */
  listIssues(state: 'open' | 'closed' | 'all'): AsyncIterable<Issue[]>;
  createIssue(input: { title: string; body: string }): Promise<Issue>;
  updateIssue(issueNumber: number, input: { title?: string; body?: string; state?: 'open' | 'closed' }): Promise<Issue>;
  /** `GET /repos/{owner}/{repo}/commits/{sha}/pulls`: the pull requests that contain the commit. */
  listPullRequestsForCommit(sha: string): Promise<PullRequest[]>;
  /** `GET /repos/{owner}/{repo}/pulls/{n}`: the pull request as it is now (an event payload may be stale). */
  getPullRequest(pullNumber: number): Promise<PullRequest>;
  /** `GET /repos/{owner}/{repo}/git/ref/heads/{branch}`: the commit the branch points at now. */
  findBranchTip(branch: string): Promise<string>;
  /** Branches, commits and pull requests, for the drift pull request. */
  readonly gitData: GitDataApi;
}

const PER_PAGE = 100;
const DEFAULT_TIMEOUT_MS = 30_000;
const USER_AGENT = 'genesys-oauth-sync';
/** Who `GITHUB_TOKEN` writes as; it may not read `GET /user`, so its login cannot be asked for. */
export const WORKFLOW_TOKEN_LOGIN = 'github-actions[bot]';

/** An Octokit with an explicit base URL, our user agent, the runner's proxy, a timeout and no retries. */
export function createOctokit(options: Pick<GitHubOptions, 'token' | 'apiUrl' | 'timeoutMs'>): Octokit {
  const octokit = new Octokit({
    auth: options.token,
    baseUrl: options.apiUrl.replace(/\/+$/, ''),
    userAgent: getUserAgentWithOrchestrationId(USER_AGENT),
    request: requestOptionsFor(options.apiUrl),
    log: QUIET_LOG,
  });
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  octokit.hook.before('request', (request) => {
    request.request = { ...request.request, signal: AbortSignal.timeout(timeoutMs) };
  });
  return octokit;
}

/** The `GitHub` interface over `createOctokit`. */
export function createGitHub(options: GitHubOptions): GitHub {
  const octokit = createOctokit(options);
  const { owner, repo } = options;
  const call = async <T>(resource: GitHubResource, action: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw toGitHubError(error, { resource, action, token: options.token });
    }
  };
  async function* pages<T>(resource: GitHubResource, action: string, iterator: AsyncIterable<{ data: T[] }>): AsyncIterable<T[]> {
    try {
      for await (const page of iterator) yield page.data;
    } catch (error) {
      throw toGitHubError(error, { resource, action, token: options.token });
    }
  }
  const commentsOf = (thread: Thread): GitHubResource => (thread === 'issue' ? 'issues' : 'pr-comments');
  let ownLogin: Promise<string> | undefined;

  return {
    owner,
    repo,
    ownLogin: () =>
      (ownLogin ??= call('user', 'find out which user the `github-token` acts as', () =>
        askLogin(octokit, options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)))),
      )),
    async *listComments(issueNumber, thread) {
      const iterator = octokit.paginate.iterator(octokit.rest.issues.listComments, {
        owner,
        repo,
        issue_number: issueNumber,
        per_page: PER_PAGE,
      });
      for await (const page of pages(commentsOf(thread), `list the comments of #${issueNumber}`, iterator)) yield page.map(toComment);
    },
    createComment: (issueNumber, body, thread) =>
      call(commentsOf(thread), `comment on #${issueNumber}`, async () =>
        toComment((await octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body })).data),
      ),
    updateComment: (commentId, body, thread) =>
      call(commentsOf(thread), `update comment ${commentId}`, async () =>
        toComment((await octokit.rest.issues.updateComment({ owner, repo, comment_id: commentId, body })).data),
      ),
    async *listIssues(state) {
      const iterator = octokit.paginate.iterator(octokit.rest.issues.listForRepo, { owner, repo, state, per_page: PER_PAGE });
      for await (const page of pages('issues', 'list the issues', iterator)) yield page.filter((item) => !item.pull_request).map(toIssue);
    },
    createIssue: (input) =>
      call('issues', 'open an issue', async () => toIssue((await octokit.rest.issues.create({ owner, repo, ...input })).data)),
    updateIssue: (issueNumber, input) =>
      call('issues', `update issue #${issueNumber}`, async () =>
        toIssue((await octokit.rest.issues.update({ owner, repo, issue_number: issueNumber, ...input })).data),
      ),
    gitData: createGitDataApi(octokit, { owner, repo }, call),
    listPullRequestsForCommit: (sha) =>
      call('pulls', `find the pull request of commit ${sha.slice(0, 12)}`, async () =>
        (await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ owner, repo, commit_sha: sha, per_page: PER_PAGE })).data.map(
          toPullRequest,
        ),
      ),
    getPullRequest: (pullNumber) =>
      call('pulls', `read pull request #${pullNumber}`, async () =>
        toPullRequest((await octokit.rest.pulls.get({ owner, repo, pull_number: pullNumber })).data),
      ),
    findBranchTip: (branch) =>
      call(
        'contents',
        `find the tip of branch ${quote(branch)}`,
        async () => (await octokit.rest.git.getRef({ owner, repo, ref: `heads/${branch}` })).data.object.sha,
      ),
  };
}

/** Waits before the 2nd and 3rd GraphQL attempt: a flake must not cost the review, a real outage fails soon. */
const VIEWER_RETRY_DELAYS_MS = [200, 800];

// GraphQL's `viewer` names every kind of token: a user (PAT), the Actions bot (GITHUB_TOKEN) or a GitHub App's own
// `<slug>[bot]` (an installation token). Where GraphQL does not answer, `GET /user` names a user, but it refuses every
// installation token alike, so GITHUB_TOKEN's bot and an App's bot cannot be told apart: guessing would trust the
// comments of every other workflow, so that case fails closed (apply then finds nothing reviewed).
async function askLogin(octokit: Octokit, sleep: (ms: number) => Promise<void>): Promise<string> {
  let graphqlFailure = 'no login in the answer';
  for (let attempt = 0; attempt <= VIEWER_RETRY_DELAYS_MS.length; attempt++) {
    if (attempt > 0) await sleep(VIEWER_RETRY_DELAYS_MS[attempt - 1] ?? 0);
    try {
      const { viewer } = await octokit.graphql<{ viewer: { login: string } }>('query { viewer { login } }');
      if (viewer.login) return viewer.login;
    } catch (error: unknown) {
      graphqlFailure = describeGraphqlFailure(error);
      if ((error as { status?: unknown }).status === 401) break;
    }
  }
  try {
    return (await octokit.rest.users.getAuthenticated()).data.login;
  } catch (error) {
    if (!isNotAccessible(error)) throw error;
    throw new GitHubError(
      'Could not find out which identity the `github-token` acts as: GraphQL `viewer` did not answer ' +
        `(${graphqlFailure}) after ${VIEWER_RETRY_DELAYS_MS.length + 1} attempts, and \`GET /user\` refuses ` +
        `installation tokens, so it could be \`${WORKFLOW_TOKEN_LOGIN}\` or a GitHub App's bot. No comment ` +
        "was trusted or written as the Action's own. Re-run the job when GitHub's GraphQL API answers again.",
      { status: 403, resource: 'user' },
    );
  }
}

function describeGraphqlFailure(error: unknown): string {
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' ? `GitHub ${status}` : 'no answer';
}

function isNotAccessible(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { status, response } = error as { status?: unknown; response?: { data?: { message?: unknown } } };
  return status === 403 && response?.data?.message === NOT_ACCESSIBLE;
}

// @actions/github builds its proxy-aware fetch (HTTPS_PROXY, NO_PROXY) for GITHUB_API_URL when it is loaded; for
// another URL (tests, the CLI pointed elsewhere) that fetch would use the wrong proxy decision, so the platform's own
// fetch is used instead.
function requestOptionsFor(apiUrl: string): Record<string, unknown> {
  const defaultUrl = String(actionsDefaults.baseUrl ?? '').replace(/\/+$/, '');
  return apiUrl.replace(/\/+$/, '') === defaultUrl ? { ...actionsDefaults.request } : {};
}

// @octokit/rest logs every failed request to stderr; ours are thrown as `GitHubError`s and reported once, with advice.
const QUIET_LOG = { debug: () => {}, info: () => {}, warn: console.warn, error: () => {} };

interface RawComment {
  id: number;
  node_id: string;
  html_url: string;
  body?: string | null;
  user?: { login: string } | null;
}

function toComment(raw: RawComment): Comment {
  return { id: raw.id, nodeId: raw.node_id, url: raw.html_url, body: raw.body ?? '', author: raw.user?.login };
}

function toIssue(raw: {
  number: number;
  html_url: string;
  title: string;
  body?: string | null;
  state: string;
  user?: { login: string } | null;
}): Issue {
  return {
    number: raw.number,
    url: raw.html_url,
    title: raw.title,
    body: raw.body ?? '',
    state: raw.state === 'closed' ? 'closed' : 'open',
    author: raw.user?.login,
  };
}

function toPullRequest(raw: {
  number: number;
  html_url: string;
  state: string;
  merged_at?: string | null;
  merge_commit_sha?: string | null;
  head?: { sha?: string } | null;
}): PullRequest {
  return {
    number: raw.number,
    url: raw.html_url,
    state: raw.state,
    ...(raw.merged_at ? { mergedAt: raw.merged_at } : {}),
    ...(raw.merge_commit_sha ? { mergeCommitSha: raw.merge_commit_sha } : {}),
    ...(raw.head?.sha ? { headSha: raw.head.sha } : {}),
  };
}
