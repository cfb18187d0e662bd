// One drift pull request per label, on its own branch, that adopts the org's values: opened when adoptable drift
// appears, force-moved and updated while it lasts (same pull request), closed with a comment and its branch deleted
// when it is gone. A pull request opened with `GITHUB_TOKEN` starts no workflow, so the check posts its plan comment
// itself, and apply on its merge finds a reviewed plan.
import type { GitHub } from './client.js';
import { upsertStickyComment } from './sticky-comment.js';

export interface DriftPullRequestOptions {
  label: string;
  /** The adopted definition files; none means there is nothing (any more) to adopt. */
  files: readonly { path: string; text: string }[];
  /** The default branch and the commit the check read the definitions from. */
  base: { branch: string; sha: string };
  title: string;
  body: string;
  /** The pull request's plan comment (the plan once merged), with its plan marker. */
  planComment: string;
}

export type DriftPullRequestResult =
  | { action: 'opened' | 'updated' | 'closed'; number: number; url: string }
  | { action: 'none'; number?: undefined; url?: undefined };

const CLOSED_NOTE =
  'No drift any more: the org matches the repository again, so there is ' +
  'nothing to adopt. Closing this pull request and deleting its branch.';

/** The branch of the label's drift pull request: a valid ref name whatever the label holds. */
export function driftBranchName(label: string): string {
  const slug = label
    .replace(/[^A-Za-z0-9._/-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/\/{2,}/g, '/')
    .replace(/(^|\/)[.-]+/g, '$1')
    .replace(/[./-]+$/g, '')
    .replace(/\.lock(\/|$)/g, '-lock$1');
  return `genesys-oauth-sync/adopt/${slug || 'default'}`;
}

/** Brings the label's drift pull request in line with the latest check. */
export async function syncDriftPullRequest(gh: GitHub, options: DriftPullRequestOptions): Promise<DriftPullRequestResult> {
  const branch = driftBranchName(options.label);
  const open = await gh.gitData.findOpenPullRequest(branch);
  if (options.files.length === 0) {
    if (!open) return { action: 'none' };
    await gh.createComment(open.number, CLOSED_NOTE, 'pull-request');
    await gh.gitData.updatePullRequest(open.number, { state: 'closed' });
    if (await gh.gitData.readBranch(branch)) await gh.gitData.deleteBranch(branch);
    return { action: 'closed', number: open.number, url: open.url };
  }
  const tree = await gh.gitData.writeTree({ parent: options.base.sha, files: options.files });
  const tip = await gh.gitData.readBranch(branch);
  // The same drift on the same base keeps its commit: no force-push, no notification, for a check that found nothing new.
  const current = tip ? await gh.gitData.readCommit(tip) : undefined;
  if (!current || current.tree !== tree || current.parents[0] !== options.base.sha) {
    const commit = await gh.gitData.writeCommit({
      parent: options.base.sha,
      message:
        `Adopt the org's values for ${options.label}\n\n` +
        "Written by genesys-oauth-sync's scheduled check: merging makes the repository say what the org has.",
      tree,
    });
    await gh.gitData.writeBranch(branch, commit, tip !== undefined);
  }
  const pull = open
    ? await gh.gitData.updatePullRequest(open.number, { title: options.title, body: options.body })
    : await gh.gitData.createPullRequest({ title: options.title, body: options.body, head: branch, base: options.base.branch });
  await upsertStickyComment(gh, { issueNumber: pull.number, label: options.label, body: options.planComment, createIfMissing: true });
  return { action: open ? 'updated' : 'opened', number: pull.number, url: pull.url };
}
