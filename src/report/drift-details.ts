// For `check`: drift told from the reader's side. The repository is the intent, the org is what someone changed.
import type { FieldChange, PlanAction } from '../core/types.js';
import { orderForReview } from './client-details.js';
import { code } from './markdown.js';
import { renderRole, renderScalar } from './values.js';

/** One list item per drifted client: "repository says X, org has Y", missing ones, pruned ones. */
export function renderDriftItems(actions: readonly PlanAction[]): string[] {
  return orderForReview(actions).map((action) => {
    const name = code(action.client);
    switch (action.kind) {
      case 'create':
        return `- ${name} is **missing**: declared in the repository, not in the org.`;
      case 'delete':
        return `- ${name} (id ${code(action.id)}) is in the org but not in the repository, and \`prune\` is on.`;
      default:
        return [
          `- ${name} (id ${code(action.id)}) **differs**:`,
          ...action.changes.map((change) => `  - ${renderFieldDrift(change)}`),
        ].join('\n');
    }
  });
}

/** The two ways out of drift, in the words of the people who have to choose. */
export const DRIFT_WAYS_OUT = [
  '**Two ways out:**',
  "1. **Keep the org's values**: change the definitions to what the org has (listed above) and merge a pull request.",
  "2. **Restore the repository's values**: run apply with `auto-approve: true` (the README's manual *restore* workflow, or the CLI's `apply --auto-approve`), which sets the org back to what the repository says.",
].join('\n');

// FieldChange keeps the live value in `old` and the repository's in `new` (the plan goes from org to repository).
function renderFieldDrift(change: FieldChange): string {
  const field = code(change.field);
  if (change.kind === 'scalar') {
    return `${field}: repository says ${code(renderScalar(change.field, change.new))}, org has ${code(renderScalar(change.field, change.old))}`;
  }
  const added = change.kind === 'roles' ? change.added.map(renderRole) : change.added;
  const removed = change.kind === 'roles' ? change.removed.map(renderRole) : change.removed;
  const list = (values: readonly string[]) => values.map(code).join(', ');
  const parts: string[] = [];
  if (added.length > 0) parts.push(`repository has ${list(added)}, org does not`);
  if (removed.length > 0) parts.push(`org has ${list(removed)}, repository does not`);
  return `${field}: ${parts.join('; ')}`;
}
