// One drift issue per label: opened when drift appears, kept current while it lasts, closed with a comment when it
// is gone, and reopened (never duplicated) when it comes back. Edits notify nobody, so changes also get a comment.
// Only issues our token opened count: anyone may open one carrying the marker.
import { findMarker, parseMarker, withMarker } from '../report/marker.js';
import type { GitHub, Issue } from './client.js';

export interface DriftIssueOptions {
  label: string;
  drift: boolean;
  title: string;
  /** The rendered check report; it carries a `drift` marker with the plan hash. */
  body: string;
  /** A one-line summary of the current drift, added to the comment posted when the drift changed or came back. */
  changeNote?: string;
}

export type DriftIssueResult =
  | { action: 'opened' | 'updated' | 'closed' | 'reopened' | 'unchanged'; number: number; url: string }
  | { action: 'none'; number?: undefined; url?: undefined };

const NOTES = {
  changed: 'The drift changed since this issue was last updated: the description now shows the current differences.',
  reopened: 'The drift is back: the description shows the current differences.',
  closed: 'No drift any more: the org matches the repository again, so this issue is closed.',
};

function withSummary(note: string, summary: string | undefined): string {
  return summary ? `${note}\n\n${summary}` : note;
}

/** Our drift issue for `label` in the given state: one our token opened, found by its marker. */
export async function findDriftIssue(gh: GitHub, label: string, state: 'open' | 'closed'): Promise<Issue | undefined> {
  const ownLogin = await gh.ownLogin();
  for await (const page of gh.listIssues(state)) {
    const issue = page.find((candidate) => {
      if (candidate.author !== ownLogin) return false;
      return findMarker(candidate.body, 'drift', label) !== undefined;
    });
    if (issue) return issue;
  }
  return undefined;
}

/** Brings the label's drift issue in line with the latest check (see the file comment for the lifecycle). */
export async function syncDriftIssue(gh: GitHub, options: DriftIssueOptions): Promise<DriftIssueResult> {
  // Without the marker the issue could not be found again and the next drift would open a duplicate.
  const body = withMarker(options.body, 'drift', options.label);
  // Open issues are few, so the common runs (drift ongoing, or none) never page through the closed history.
  const open = await findDriftIssue(gh, options.label, 'open');
  if (!options.drift) {
    if (!open) return { action: 'none' };
    await gh.createComment(open.number, NOTES.closed, 'issue');
    const closed = await gh.updateIssue(open.number, { state: 'closed' });
    return { action: 'closed', number: closed.number, url: closed.url };
  }
  if (open) {
    if (open.body === body && open.title === options.title) return { action: 'unchanged', number: open.number, url: open.url };
    const updated = await gh.updateIssue(open.number, { title: options.title, body });
    if (parseMarker(open.body)?.hash !== parseMarker(body)?.hash)
      await gh.createComment(open.number, withSummary(NOTES.changed, options.changeNote), 'issue');
    return { action: 'updated', number: updated.number, url: updated.url };
  }
  const closed = await findDriftIssue(gh, options.label, 'closed');
  if (closed) {
    const reopened = await gh.updateIssue(closed.number, { state: 'open', title: options.title, body });
    await gh.createComment(closed.number, withSummary(NOTES.reopened, options.changeNote), 'issue');
    return { action: 'reopened', number: reopened.number, url: reopened.url };
  }
  const created = await gh.createIssue({ title: options.title, body });
  return { action: 'opened', number: created.number, url: created.url };
}
