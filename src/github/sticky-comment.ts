// One plan comment per label on a pull request, found again by its hidden marker and edited in place, so the PR
// shows the current plan and GitHub's edit history keeps the earlier ones. Only comments our token wrote count:
// anyone may post the marker, and apply takes the comment's plan hash as proof of review.
import { findMarker, withMarker } from '../report/marker.js';
import type { MarkerData } from '../report/marker.js';
import type { GitHub } from './client.js';

export interface StickyComment {
  id: number;
  url: string;
  body: string;
  marker: MarkerData;
}

export interface UpsertResult {
  id: number;
  url: string;
  action: 'created' | 'updated' | 'unchanged';
}

/** Our plan comment for `label` on the pull request, looked up page by page; others' and other labels' never match. */
export async function findStickyComment(gh: GitHub, options: { issueNumber: number; label: string }): Promise<StickyComment | undefined> {
  const ownLogin = await gh.ownLogin();
  for await (const page of gh.listComments(options.issueNumber, 'pull-request')) {
    for (const comment of page) {
      if (comment.author !== ownLogin) continue;
      const marker = findMarker(comment.body, 'plan', options.label);
      if (marker) return { id: comment.id, url: comment.url, body: comment.body, marker };
    }
  }
  return undefined;
}

/** Updates our comment for `label` in place, or creates it when `createIfMissing`; undefined when neither happened. */
export async function upsertStickyComment(
  gh: GitHub,
  options: { issueNumber: number; label: string; body: string; createIfMissing: boolean },
): Promise<UpsertResult | undefined> {
  // A body without our marker could never be found again, and the next run would post a second comment.
  const body = withMarker(options.body, 'plan', options.label);
  const existing = await findStickyComment(gh, options);
  if (existing) {
    if (existing.body === body) return { id: existing.id, url: existing.url, action: 'unchanged' };
    const updated = await gh.updateComment(existing.id, body, 'pull-request');
    return { id: updated.id, url: updated.url, action: 'updated' };
  }
  if (!options.createIfMissing) return undefined;
  const created = await gh.createComment(options.issueNumber, body, 'pull-request');
  return { id: created.id, url: created.url, action: 'created' };
}
