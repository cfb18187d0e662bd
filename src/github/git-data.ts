// What the drift pull request needs of GitHub: blobs, a tree, a commit and a branch through the git data API (no git
// binary, no checkout), and the pull request itself. Built by `createGitHub` on its one Octokit.
import type { Octokit } from '@octokit/rest';
import type { GitHubResource } from './errors.js';

export interface OpenPullRequest {
  number: number;
  url: string;
  body: string;
}

export interface GitDataApi {
  /** The tree of a commit (`GET /git/commits/{sha}`). */
  readCommitTree(commitSha: string): Promise<string>;
  /** A commit's tree and parents. */
  readCommit(commitSha: string): Promise<{ tree: string; parents: string[] }>;
  /** `parent`'s tree with these files replaced; returns its sha (equal content, equal sha). */
  writeTree(input: { parent: string; files: readonly { path: string; text: string }[] }): Promise<string>;
  /** A commit of `tree` on top of `parent`; returns its sha. */
  writeCommit(input: { parent: string; message: string; tree: string }): Promise<string>;
  /** The sha a branch points at, or undefined when it does not exist. */
  readBranch(branch: string): Promise<string | undefined>;
  /** Creates the branch at `sha`, or force-moves it there. */
  writeBranch(branch: string, sha: string, exists: boolean): Promise<void>;
  deleteBranch(branch: string): Promise<void>;
  /** The open pull request from `branch`, if any. */
  findOpenPullRequest(branch: string): Promise<OpenPullRequest | undefined>;
  createPullRequest(input: { title: string; body: string; head: string; base: string }): Promise<OpenPullRequest>;
  updatePullRequest(number: number, input: { title?: string; body?: string; state?: 'open' | 'closed' }): Promise<OpenPullRequest>;
}

type Call = <T>(resource: GitHubResource, action: string, run: () => Promise<T>) => Promise<T>;

/** The git data and pull request calls, each wrapped so a failure says which permission to add. */
export function createGitDataApi(octokit: Octokit, repository: { owner: string; repo: string }, call: Call): GitDataApi {
  const { owner, repo } = repository;
  const toPull = (raw: { number: number; html_url: string; body?: string | null }): OpenPullRequest => ({
    number: raw.number,
    url: raw.html_url,
    body: raw.body ?? '',
  });
  const readCommit = (commitSha: string) =>
    call('contents-write', `read commit ${commitSha.slice(0, 12)}`, async () => {
      const { data } = await octokit.rest.git.getCommit({ owner, repo, commit_sha: commitSha });
      return { tree: data.tree.sha, parents: data.parents.map((parent) => parent.sha) };
    });
  const readCommitTree = async (commitSha: string) => (await readCommit(commitSha)).tree;
  return {
    readCommitTree,
    readCommit,
    writeTree: async ({ parent, files }) => {
      const baseTree = await readCommitTree(parent);
      return call('contents-write', 'write the drift pull request commit', async () => {
        const blobs = await Promise.all(
          files.map(async (file) => ({
            path: file.path,
            sha: (await octokit.rest.git.createBlob({ owner, repo, content: file.text, encoding: 'utf-8' })).data.sha,
          })),
        );
        const entries = blobs.map((blob) => ({ path: blob.path, mode: '100644' as const, type: 'blob' as const, sha: blob.sha }));
        return (await octokit.rest.git.createTree({ owner, repo, base_tree: baseTree, tree: entries })).data.sha;
      });
    },
    writeCommit: ({ parent, message, tree }) =>
      call(
        'contents-write',
        'write the drift pull request commit',
        async () => (await octokit.rest.git.createCommit({ owner, repo, message, tree, parents: [parent] })).data.sha,
      ),
    readBranch: (branch) =>
      call('contents-write', `read branch \`${branch}\``, async () => {
        try {
          return (await octokit.rest.git.getRef({ owner, repo, ref: `heads/${branch}` })).data.object.sha;
        } catch (error: unknown) {
          if ((error as { status?: unknown }).status === 404) return undefined;
          throw error;
        }
      }),
    writeBranch: (branch, sha, exists) =>
      call('contents-write', `move branch \`${branch}\``, async () => {
        if (exists) await octokit.rest.git.updateRef({ owner, repo, ref: `heads/${branch}`, sha, force: true });
        else await octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${branch}`, sha });
      }),
    deleteBranch: (branch) =>
      call('contents-write', `delete branch \`${branch}\``, async () => {
        await octokit.rest.git.deleteRef({ owner, repo, ref: `heads/${branch}` });
      }),
    findOpenPullRequest: (branch) =>
      call('drift-pr', `find the drift pull request of \`${branch}\``, async () => {
        const { data } = await octokit.rest.pulls.list({ owner, repo, state: 'open', head: `${owner}:${branch}`, per_page: 10 });
        const found = data[0];
        return found ? toPull(found) : undefined;
      }),
    createPullRequest: (input) =>
      call('drift-pr', 'open the drift pull request', async () =>
        toPull((await octokit.rest.pulls.create({ owner, repo, ...input })).data),
      ),
    updatePullRequest: (number, input) =>
      call('drift-pr', `update the drift pull request #${number}`, async () =>
        toPull((await octokit.rest.pulls.update({ owner, repo, pull_number: number, ...input })).data),
      ),
  };
}
