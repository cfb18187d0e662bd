// On a push to the default branch, apply needs the pull request that was merged, to read its reviewed plan.
import type { GitHub } from './client.js';

/** The merged pull request whose merge commit is `sha`, else the first merged one containing it; undefined for a direct push. */
export async function findMergedPullRequest(gh: GitHub, sha: string): Promise<MergedPullRequest | undefined> {
  const merged = (await gh.listPullRequestsForCommit(sha)).filter((pull) => pull.mergedAt !== undefined);
  const pull = merged.find((candidate) => candidate.mergeCommitSha === sha) ?? merged[0];
  return pull ? { number: pull.number, url: pull.url, ...(pull.headSha ? { headSha: pull.headSha } : {}) } : undefined;
}

export interface MergedPullRequest {
  number: number;
  url: string;
  /** The head commit that was reviewed: a signed plan marker names it (SPEC §4). */
  headSha?: string;
}
