// Reports must fit where they go: a comment (65,536 characters) and a job summary (1 MiB). Cuts fall on item
// boundaries (a whole client, a whole problem) and say how much is missing, never in the middle of a block.

/** GitHub rejects longer comment and issue bodies with 422 "body is too long". */
export const COMMENT_LIMIT = 65_536;
/** `$GITHUB_STEP_SUMMARY` per step: beyond it the upload fails. */
export const SUMMARY_LIMIT = 1_048_576;

export type BudgetUnit = 'characters' | 'bytes';

export interface Budget {
  limit: number;
  unit: BudgetUnit;
}

export const COMMENT_BUDGET: Budget = { limit: COMMENT_LIMIT, unit: 'characters' };
export const SUMMARY_BUDGET: Budget = { limit: SUMMARY_LIMIT, unit: 'bytes' };

/** A part of a report: its `head` always stays, its `items` are kept in order while they fit. */
export interface ReportBlock {
  head?: string;
  items?: readonly string[];
  /** Between items; default a newline. */
  separator?: string;
  /** Between the head, the items and the note; default a blank line. */
  joiner?: string;
  /** The note that replaces dropped items, e.g. "… and 12 more clients not shown". */
  omitted?: (count: number) => string;
  /** Lower fills first; blocks of equal priority fill in document order. */
  priority?: number;
}

const BLOCK_GAP = '\n\n';
const TRUNCATED_NOTE = '\n\n… (cut to fit; see the job summary)';

/** Length of `text` in the unit the destination counts in. UTF-16 length never undercounts GitHub's characters. */
export function measure(text: string, unit: BudgetUnit): number {
  return unit === 'bytes' ? Buffer.byteLength(text, 'utf8') : text.length;
}

/** Joins the blocks, dropping trailing items of each until the whole fits the budget. */
export function fitBlocks(blocks: readonly ReportBlock[], budget: Budget): string {
  const kept = blocks.map(() => 0);
  // Every item dropped: the heads and every note, each note counting all its block's items.
  const fixed = renderBlocks(blocks, kept);
  let room = budget.limit - measure(fixed, budget.unit);
  // The sort is stable: blocks of equal priority keep document order.
  const order = blocks.map((block, index) => ({ index, priority: block.priority ?? 0 })).sort((a, b) => a.priority - b.priority);
  for (const { index } of order) {
    const block = blocks[index] ?? {};
    // Charging every item the longest separator over-reserves a little and keeps the sum an upper bound.
    const gap = Math.max(...[BLOCK_GAP, block.joiner ?? BLOCK_GAP, block.separator ?? '\n'].map((text) => measure(text, budget.unit)));
    for (const item of block.items ?? []) {
      const cost = measure(item, budget.unit) + gap;
      if (cost > room) break;
      room -= cost;
      kept[index] = (kept[index] ?? 0) + 1;
    }
  }
  return truncate(renderBlocks(blocks, kept), budget);
}

function renderBlocks(blocks: readonly ReportBlock[], kept: readonly number[]): string {
  return blocks
    .map((block, index) => renderBlock(block, kept[index] ?? 0))
    .filter((text) => text !== '')
    .join(BLOCK_GAP);
}

function renderBlock(block: ReportBlock, kept: number): string {
  const items = block.items ?? [];
  const dropped = items.length - kept;
  const parts: string[] = [];
  if (block.head) parts.push(block.head);
  if (kept > 0) parts.push(items.slice(0, kept).join(block.separator ?? '\n'));
  if (dropped > 0 && block.omitted) parts.push(block.omitted(dropped));
  return parts.join(block.joiner ?? BLOCK_GAP);
}

// Only reached when the fixed parts alone are too big (a pathological label or message): cut hard, say so.
function truncate(text: string, budget: Budget): string {
  if (measure(text, budget.unit) <= budget.limit) return text;
  let room = budget.limit - measure(TRUNCATED_NOTE, budget.unit);
  let end = 0;
  for (const char of text) {
    room -= measure(char, budget.unit);
    if (room < 0) break;
    end += char.length;
  }
  return text.slice(0, end) + TRUNCATED_NOTE;
}
