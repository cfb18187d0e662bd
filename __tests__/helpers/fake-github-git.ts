// The fake GitHub's git data and pull requests: blobs, trees (on a base tree), commits, branch refs and pulls, kept
// in memory so a test can read back what a branch changes and what a pull request says.
import { createHash } from 'node:crypto';

export interface FakePullRequest {
  number: number;
  title: string;
  body: string;
  head: string;
  base: string;
  state: 'open' | 'closed';
  html_url: string;
}

interface Tree {
  base?: string;
  files: Record<string, string>;
}

interface Commit {
  tree: string;
  parents: string[];
  message: string;
}

export interface FakeGitAnswer {
  status: number;
  data: unknown;
}

const sha = (text: string) => createHash('sha1').update(text).digest('hex');

export class FakeGitStore {
  private readonly blobs = new Map<string, string>();
  private readonly trees = new Map<string, Tree>();
  private readonly commits = new Map<string, Commit>();
  readonly refs = new Map<string, string>();
  readonly pulls: FakePullRequest[] = [];

  constructor(
    private readonly html: string,
    private readonly nextNumber: () => number,
  ) {}

  /** The files a branch's commit writes over its base tree (what its pull request changes). */
  changedFiles(branch: string): Record<string, string> | undefined {
    const commit = this.commits.get(this.refs.get(branch) ?? '');
    return commit ? { ...this.trees.get(commit.tree)?.files } : undefined;
  }

  commitOf(branch: string): Commit | undefined {
    return this.commits.get(this.refs.get(branch) ?? '');
  }

  /** Answers `/git/*` and `/pulls*` paths of the repository; undefined for anything else. */
  handle(method: string, rawPath: string, url: URL, body: Record<string, unknown> | undefined, owner: string): FakeGitAnswer | undefined {
    // Octokit sends a ref's slashes encoded (`heads%2Fmain`), as GitHub accepts.
    const path = decodeURIComponent(rawPath);
    let match: RegExpMatchArray | null;
    if (path === '/git/blobs' && method === 'POST') {
      const content = String(body?.content ?? '');
      const id = sha(`blob ${content}`);
      this.blobs.set(id, content);
      return { status: 201, data: { sha: id, url: `${this.html}/git/blobs/${id}` } };
    }
    if (path === '/git/trees' && method === 'POST') {
      const entries = (body?.tree ?? []) as { path: string; sha: string }[];
      const files: Record<string, string> = {};
      for (const entry of entries) {
        const content = this.blobs.get(entry.sha);
        if (content === undefined) return { status: 422, data: { message: `blob ${entry.sha} not found` } };
        files[entry.path] = content;
      }
      const tree = { base: typeof body?.base_tree === 'string' ? body.base_tree : undefined, files };
      const id = sha(`tree ${JSON.stringify(tree)}`);
      this.trees.set(id, tree);
      return { status: 201, data: { sha: id } };
    }
    if ((match = path.match(/^\/git\/commits\/([0-9a-f]+)$/)) && method === 'GET') {
      const id = match[1] ?? '';
      // A commit the fake did not write is the default branch's checkout: its tree is the repository as it is.
      const commit = this.commits.get(id) ?? { tree: `tree-of-${id}`, parents: [], message: 'base' };
      return {
        status: 200,
        data: { sha: id, tree: { sha: commit.tree }, parents: commit.parents.map((p) => ({ sha: p })), message: commit.message },
      };
    }
    if (path === '/git/commits' && method === 'POST') {
      const commit = { tree: String(body?.tree), parents: (body?.parents ?? []) as string[], message: String(body?.message ?? '') };
      if (!this.trees.has(commit.tree)) return { status: 422, data: { message: 'tree not found' } };
      const id = sha(`commit ${JSON.stringify(commit)} ${this.commits.size}`);
      this.commits.set(id, commit);
      return { status: 201, data: { sha: id, tree: { sha: commit.tree } } };
    }
    if ((match = path.match(/^\/git\/ref\/heads\/(.+)$/)) && method === 'GET') {
      const target = this.refs.get(match[1] ?? '');
      return target
        ? { status: 200, data: { ref: `refs/heads/${match[1]}`, object: { sha: target, type: 'commit' } } }
        : // A branch this store did not write may be one the fake seeded: left to it.
          undefined;
    }
    if (path === '/git/refs' && method === 'POST') {
      const branch = String(body?.ref ?? '').replace(/^refs\/heads\//, '');
      if (this.refs.has(branch)) return { status: 422, data: { message: 'Reference already exists' } };
      this.refs.set(branch, String(body?.sha));
      return { status: 201, data: { ref: `refs/heads/${branch}`, object: { sha: body?.sha } } };
    }
    if ((match = path.match(/^\/git\/refs\/heads\/(.+)$/))) {
      const branch = match[1] ?? '';
      if (!this.refs.has(branch)) return { status: 422, data: { message: 'Reference does not exist' } };
      if (method === 'PATCH') {
        if (body?.force !== true) return { status: 422, data: { message: 'Update is not a fast forward' } };
        this.refs.set(branch, String(body?.sha));
        return { status: 200, data: { ref: `refs/heads/${branch}`, object: { sha: body?.sha } } };
      }
      if (method === 'DELETE') {
        this.refs.delete(branch);
        return { status: 204, data: '' };
      }
    }
    if (path === '/pulls' && method === 'GET') {
      const state = url.searchParams.get('state') ?? 'open';
      const head = url.searchParams.get('head');
      const listed = this.pulls.filter((p) => (state === 'all' || p.state === state) && (!head || `${owner}:${p.head}` === head));
      return { status: 200, data: listed.map((p) => this.toJson(p)) };
    }
    if (path === '/pulls' && method === 'POST') {
      const head = String(body?.head ?? '');
      if (!this.refs.has(head)) return { status: 422, data: { message: `head ${head} does not exist` } };
      const number = this.nextNumber();
      const pull: FakePullRequest = {
        number,
        title: String(body?.title ?? ''),
        body: String(body?.body ?? ''),
        head,
        base: String(body?.base ?? ''),
        state: 'open',
        html_url: `${this.html}/pull/${number}`,
      };
      this.pulls.push(pull);
      return { status: 201, data: this.toJson(pull) };
    }
    if ((match = path.match(/^\/pulls\/(\d+)$/)) && method === 'PATCH') {
      const pull = this.pulls.find((p) => p.number === Number(match![1]));
      if (!pull) return { status: 404, data: { message: 'Not Found' } };
      if (typeof body?.title === 'string') pull.title = body.title;
      if (typeof body?.body === 'string') pull.body = body.body;
      if (body?.state === 'open' || body?.state === 'closed') pull.state = body.state;
      return { status: 200, data: this.toJson(pull) };
    }
    return undefined;
  }

  private toJson(pull: FakePullRequest): Record<string, unknown> {
    return { ...pull, id: 700_000 + pull.number, head: { ref: pull.head, sha: this.refs.get(pull.head) }, base: { ref: pull.base } };
  }
}
