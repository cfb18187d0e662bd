// A small, real GitHub REST server on 127.0.0.1 for the endpoints the Action uses: issue comments, issues, pull
// requests (by number and by commit), branch tips and `GET /user`. It pages like GitHub (per_page, page, Link header)
// and answers with GitHub-like JSON.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach } from 'vitest';
import { createGitHub, type GitHub } from '../../src/github/client.js';
import { FakeGitStore } from './fake-github-git.js';
import { createFakeActionsSecrets, type FakeActionsSecrets, type TokenPermissions } from './fake-github-secrets.js';

export interface RecordedRequest {
  method: string;
  /** Path with query string, as received. */
  path: string;
  body: unknown;
  userAgent?: string;
}

export interface FakeUser {
  login: string;
  id: number;
  type: 'Bot' | 'User';
}

export interface FakeComment {
  id: number;
  node_id: string;
  issue_number: number;
  body: string;
  user: FakeUser;
  html_url: string;
  created_at: string;
  updated_at: string;
}

export interface FakeIssue {
  id: number;
  node_id: string;
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  state_reason: string | null;
  user: FakeUser;
  html_url: string;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

export interface FakePull {
  number: number;
  merged?: boolean;
  mergeCommitSha?: string;
  state?: 'open' | 'closed';
  /** Default `PR_HEAD_SHA`, the head `pullRequestEvent` sends. */
  headSha?: string;
}

/** The head commit of a pull request the test did not describe (and of `pullRequestEvent`). */
export const PR_HEAD_SHA = 'b'.repeat(40);
/** Where the default branch `main` starts: the runner's default `GITHUB_SHA` in `run-action.ts`. */
export const MAIN_START_SHA = 'a'.repeat(40);

export interface FakeGitHub {
  url: string;
  /** Who the token acts as: authors what the API creates, and what `GET /user` answers (when it answers). */
  readonly actor: FakeUser;
  requests: RecordedRequest[];
  comments(issueNumber: number): FakeComment[];
  issues(): FakeIssue[];
  /** Also records the pull request by number; a merged one moves `main` to its merge commit, as merging does. */
  addPullForCommit(sha: string, pr: FakePull): void;
  /** `GET /pulls/{n}` answers this; a number never described is an open pull request whose head is `PR_HEAD_SHA`. */
  setPull(pr: FakePull): void;
  /** Points a branch at a commit (`main` starts at `MAIN_START_SHA`). */
  setBranch(name: string, sha: string): void;
  branchTip(name: string): string | undefined;
  /** Without `login`, written by `actor`, as if an earlier run of the Action had posted it. */
  seedComment(issueNumber: number, body: string, options?: { login?: string }): FakeComment;
  /** With `pullRequest`, a pull request as the issues listing shows it (GitHub mixes them in, marked `pull_request`). */
  seedIssue(issue: { title: string; body: string; state?: 'open' | 'closed'; login?: string; pullRequest?: boolean }): FakeIssue;
  /** Edits a comment in place, keeping its author: what anyone with write access can do to the bot's comment. */
  editComment(id: number, body: string): void;
  /** Answers matching requests with `status` and GitHub's error JSON; `times` limits how often (default: always). */
  failWith(
    method: string,
    pathRegex: RegExp,
    status: number,
    message: string,
    options?: { times?: number; headers?: Record<string, string> },
  ): void;
  /** Branches, commits and pull requests written through the git data and pulls API. */
  git: FakeGitStore;
  /** Actions secrets and variables of any repository and environment, stored sealed. */
  readonly actionsSecrets: FakeActionsSecrets;
  /** Holds matching requests for `ms` before answering, to exercise client timeouts. */
  delay(method: string, pathRegex: RegExp, ms: number): void;
  close(): Promise<void>;
}

const BOT: FakeUser = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };
const EPOCH = Date.parse('2026-01-01T00:00:00Z');

/** What a GitHub App installation token (the workflow's `GITHUB_TOKEN` included) gets from `GET /user`. */
export const NOT_ACCESSIBLE = 'Resource not accessible by integration';

export interface FakeGitHubOptions {
  owner: string;
  repo: string;
  /** When given, every request must send it. */
  token?: string;
  /** A PAT-like token's user: `GET /user` answers this login and it authors what the API creates. Without it the token
   * acts like `GITHUB_TOKEN`: `GET /user` is 403 and `github-actions[bot]` authors comments and issues. */
  userLogin?: string;
  /** A GitHub App installation token: `<slug>[bot]` writes, `GET /user` is 403, only GraphQL's `viewer` names it. */
  appSlug?: string;
  /** Answer GraphQL `viewer`, as GitHub does (default); `false` makes the client find its identity through REST alone. */
  graphql?: boolean;
  /** What GraphQL's `viewer` answers as its login instead of the actor's (an empty or null login, say). */
  viewerLogin?: string | null;
  /** Tokens that may use the Actions secrets and variables endpoints, with their fine-grained permissions. */
  secretsTokens?: Record<string, TokenPermissions>;
}

/**
 * The set-up the GitHub integration files share, written once: a fresh fake before each test, closed after it, and a
 * client of it (with `options.token`, else `ghs_token`). Both stand for the current test's:
 * `const { fake, gh } = useFakeGitHub({ owner: 'acme', repo: 'genesys' });` then `fake.seedIssue(…)`, `gh.…`.
 */
export function useFakeGitHub(options: FakeGitHubOptions): { fake: FakeGitHub; gh: GitHub } {
  let current: { fake: FakeGitHub; gh: GitHub } | undefined;
  beforeEach(async () => {
    const fake = await startFakeGitHub(options);
    const gh = createGitHub({ token: options.token ?? 'ghs_token', apiUrl: fake.url, owner: options.owner, repo: options.repo });
    current = { fake, gh };
  });
  afterEach(async () => {
    await current?.fake.close();
    current = undefined;
  });
  return { fake: standIn(() => current?.fake), gh: standIn(() => current?.gh) };
}

/** An object that forwards every read (and `in`, and a spread) to what `current` returns, which exists only in a test. */
function standIn<T extends object>(current: () => T | undefined): T {
  const target = (): T => {
    const now = current();
    if (!now) throw new Error('The fake GitHub exists only while a test runs (useFakeGitHub starts it in beforeEach).');
    return now;
  };
  return new Proxy({} as T, {
    get(_empty, key) {
      const value: unknown = Reflect.get(target(), key);
      return typeof value === 'function' ? value.bind(target()) : value;
    },
    has: (_empty, key) => Reflect.has(target(), key),
    ownKeys: () => Reflect.ownKeys(target()),
    getOwnPropertyDescriptor(_empty, key) {
      const descriptor = Reflect.getOwnPropertyDescriptor(target(), key);
      return descriptor && { ...descriptor, configurable: true };
    },
  });
}

/** Starts the fake on 127.0.0.1, port 0. */
export async function startFakeGitHub(options: FakeGitHubOptions): Promise<FakeGitHub> {
  const requests: RecordedRequest[] = [];
  const comments: FakeComment[] = [];
  const issues: FakeIssue[] = [];
  const pullsByCommit = new Map<string, FakePull[]>();
  const pulls = new Map<number, FakePull>();
  const branches = new Map<string, string>([['main', MAIN_START_SHA]]);
  const failures: { method: string; path: RegExp; status: number; message: string; times: number; headers: Record<string, string> }[] = [];
  const delays: { method: string; path: RegExp; ms: number }[] = [];
  const actionsSecrets = await createFakeActionsSecrets({ tokens: options.secretsTokens });
  let clock = 0;
  let nextCommentId = 1001;
  const now = () => new Date(EPOCH + 1_000 * clock++).toISOString().replace('.000', '');
  const html = `https://github.com/${options.owner}/${options.repo}`;
  const usedNumbers = (): number[] => [
    ...issues.map((i) => i.number),
    ...[...pullsByCommit.values()].flat().map((p) => p.number),
    ...git.pulls.map((p: { number: number }) => p.number),
  ];
  const git: FakeGitStore = new FakeGitStore(html, () => Math.max(0, ...usedNumbers()) + 1);
  const userOf = (login?: string): FakeUser =>
    !login || login === BOT.login ? BOT : { login, id: 1000 + login.length, type: login.endsWith('[bot]') ? 'Bot' : 'User' };
  const actor = userOf(options.appSlug ? `${options.appSlug}[bot]` : options.userLogin);

  const addComment = (issueNumber: number, body: string, user: FakeUser): FakeComment => {
    const id = nextCommentId++;
    const at = now();
    const comment = {
      id,
      node_id: `IC_${id}`,
      issue_number: issueNumber,
      body,
      user,
      html_url: `${html}/pull/${issueNumber}#issuecomment-${id}`,
      created_at: at,
      updated_at: at,
    };
    comments.push(comment);
    return comment;
  };
  const addIssue = (title: string, body: string, user: FakeUser, state: 'open' | 'closed' = 'open'): FakeIssue => {
    const number = Math.max(0, ...usedNumbers()) + 1;
    const at = now();
    const issue: FakeIssue = {
      id: 500_000 + number,
      node_id: `I_${number}`,
      number,
      title,
      body,
      state,
      state_reason: state === 'closed' ? 'completed' : null,
      user,
      html_url: `${html}/issues/${number}`,
      created_at: at,
      updated_at: at,
      closed_at: state === 'closed' ? at : null,
    };
    issues.push(issue);
    return issue;
  };

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => send(res, 500, { message: String(error) }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
    requests.push({ method, path: url.pathname + url.search, body, userAgent: req.headers['user-agent'] });

    const delay = delays.find((d) => d.method === method && d.path.test(url.pathname));
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay.ms));
    if (options.token && req.headers.authorization !== `token ${options.token}`) return send(res, 401, error('Bad credentials'));
    const failure = failures.find((f) => f.method === method && f.path.test(url.pathname) && f.times > 0);
    if (failure) {
      failure.times -= 1;
      return send(res, failure.status, error(failure.message), failure.headers);
    }

    if (url.pathname === '/user' && method === 'GET')
      return actor.type === 'Bot' ? send(res, 403, error(NOT_ACCESSIBLE)) : send(res, 200, actor);
    if (url.pathname === '/graphql' && method === 'POST') {
      if (options.graphql === false) return send(res, 404, error('Not Found'));
      return send(
        res,
        200,
        String(body?.query ?? '').includes('viewer')
          ? { data: { viewer: { login: options.viewerLogin === undefined ? actor.login : options.viewerLogin } } }
          : { errors: [{ message: 'unsupported query' }] },
      );
    }
    const authorization = req.headers.authorization?.replace(/^(token|bearer) /i, '');
    const secretsReply = actionsSecrets.handle(method, new URL(req.url ?? '/', `http://${req.headers.host}`), body, authorization);
    if (secretsReply) return send(res, secretsReply.status, secretsReply.data, secretsReply.headers);
    const prefix = `/repos/${options.owner}/${options.repo}`;
    if (!url.pathname.startsWith(`${prefix}/`)) return send(res, 404, error('Not Found'));
    const path = url.pathname.slice(prefix.length);
    let match: RegExpMatchArray | null;
    if ((match = path.match(/^\/issues\/(\d+)\/comments$/))) {
      const issueNumber = Number(match[1]);
      if (method === 'GET')
        return sendPage(
          res,
          url,
          comments.filter((c) => c.issue_number === issueNumber),
        );
      if (method === 'POST') return send(res, 201, addComment(issueNumber, String(body?.body ?? ''), actor));
    }
    if ((match = path.match(/^\/issues\/comments\/(\d+)$/))) {
      const comment = comments.find((c) => c.id === Number(match![1]));
      if (!comment) return send(res, 404, error('Not Found'));
      if (method === 'GET') return send(res, 200, comment);
      if (method === 'PATCH') return send(res, 200, Object.assign(comment, { body: String(body?.body ?? ''), updated_at: now() }));
    }
    if (path === '/issues') {
      if (method === 'GET') {
        const state = url.searchParams.get('state') ?? 'open';
        const listed = issues.filter((i) => state === 'all' || i.state === state).sort((a, b) => b.number - a.number);
        return sendPage(res, url, listed);
      }
      if (method === 'POST') return send(res, 201, addIssue(String(body?.title ?? ''), String(body?.body ?? ''), actor));
    }
    if ((match = path.match(/^\/issues\/(\d+)$/))) {
      const issue = issues.find((i) => i.number === Number(match![1]));
      if (!issue) return send(res, 404, error('Not Found'));
      if (method === 'GET') return send(res, 200, issue);
      if (method === 'PATCH') return send(res, 200, patchIssue(issue, body ?? {}, now()));
    }
    const gitAnswer = git.handle(method, path, url, body, options.owner);
    if (gitAnswer) return gitAnswer.status === 204 ? void res.writeHead(204).end() : send(res, gitAnswer.status, gitAnswer.data);
    if ((match = path.match(/^\/pulls\/(\d+)$/)) && method === 'GET') {
      const number = Number(match[1]);
      const pull = pulls.get(number) ?? { number, merged: false };
      return send(res, 200, toPullJson(pull, pull.mergeCommitSha ?? '', html));
    }
    // Octokit sends `ref` as one path segment (`heads%2Fmain`); GitHub takes it either way.
    if ((match = decodeURIComponent(path).match(/^\/git\/ref\/heads\/(.+)$/)) && method === 'GET') {
      const tip = branches.get(match[1] ?? '');
      if (!tip) return send(res, 404, error('Not Found'));
      return send(res, 200, { ref: `refs/heads/${match[1]}`, object: { sha: tip, type: 'commit' } });
    }
    if ((match = path.match(/^\/commits\/([0-9a-f]+)\/pulls$/)) && method === 'GET') {
      const sha = match[1] ?? '';
      return send(
        res,
        200,
        (pullsByCommit.get(sha) ?? []).map((pull) => toPullJson(pull, sha, html)),
      );
    }
    return send(res, 404, error('Not Found'));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    actor,
    actionsSecrets,
    requests,
    comments: (issueNumber) => comments.filter((c) => c.issue_number === issueNumber).map((c) => ({ ...c })),
    issues: () => issues.map((i) => ({ ...i })),
    addPullForCommit: (sha, pr) => {
      pullsByCommit.set(sha, [...(pullsByCommit.get(sha) ?? []), pr]);
      const merged = pr.merged ?? true;
      pulls.set(pr.number, { ...pr, merged, ...(merged ? { mergeCommitSha: pr.mergeCommitSha ?? sha } : {}) });
      if (merged) branches.set('main', pr.mergeCommitSha ?? sha);
    },
    setPull: (pr) => pulls.set(pr.number, pr),
    setBranch: (name, sha) => branches.set(name, sha),
    branchTip: (name) => branches.get(name),
    seedComment: (issueNumber, body, seed) => ({ ...addComment(issueNumber, body, seed?.login ? userOf(seed.login) : actor) }),
    seedIssue: (seed) => {
      const issue = addIssue(seed.title, seed.body, seed.login ? userOf(seed.login) : actor, seed.state);
      if (seed.pullRequest) Object.assign(issue, { pull_request: { url: `${html}/pull/${issue.number}` } });
      return { ...issue };
    },
    editComment: (id, body) => {
      const comment = comments.find((c) => c.id === id);
      if (!comment) throw new Error(`No comment ${id}.`);
      Object.assign(comment, { body, updated_at: now() });
    },
    failWith: (method, path, status, message, extra) =>
      failures.push({ method, path, status, message, times: extra?.times ?? Infinity, headers: extra?.headers ?? {} }),
    delay: (method, path, ms) => delays.push({ method, path, ms }),
    git,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function patchIssue(issue: FakeIssue, body: Record<string, unknown>, at: string): FakeIssue {
  if (typeof body.title === 'string') issue.title = body.title;
  if (typeof body.body === 'string') issue.body = body.body;
  if (body.state === 'closed' && issue.state === 'open')
    Object.assign(issue, { state: 'closed', state_reason: 'completed', closed_at: at });
  if (body.state === 'open' && issue.state === 'closed') Object.assign(issue, { state: 'open', state_reason: 'reopened', closed_at: null });
  issue.updated_at = at;
  return issue;
}

function toPullJson(pull: FakePull, sha: string, html: string): Record<string, unknown> {
  const merged = pull.merged ?? true;
  return {
    id: 900_000 + pull.number,
    number: pull.number,
    state: pull.state ?? (merged ? 'closed' : 'open'),
    html_url: `${html}/pull/${pull.number}`,
    merged_at: merged ? '2026-01-01T12:00:00Z' : null,
    merge_commit_sha: pull.mergeCommitSha ?? (merged ? sha : null),
    head: { sha: pull.headSha ?? PR_HEAD_SHA },
  };
}

function sendPage(res: ServerResponse, url: URL, items: readonly unknown[]): void {
  const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30) || 30);
  const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const link = (n: number, rel: string) => {
    const target = new URL(url.toString());
    target.host = res.req.headers.host ?? target.host;
    target.searchParams.set('page', String(n));
    target.searchParams.set('per_page', String(perPage));
    return `<${target.toString()}>; rel="${rel}"`;
  };
  const links = [
    page < last ? link(page + 1, 'next') : '',
    page < last ? link(last, 'last') : '',
    page > 1 ? link(page - 1, 'prev') : '',
    page > 1 ? link(1, 'first') : '',
  ].filter(Boolean);
  send(res, 200, items.slice((page - 1) * perPage, page * perPage), links.length > 0 ? { link: links.join(', ') } : {});
}

function send(res: ServerResponse, status: number, data: unknown, headers: Record<string, string> = {}): void {
  if (status === 204) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(data));
}

function error(message: string): Record<string, string> {
  return { message, documentation_url: 'https://docs.github.com/rest' };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
