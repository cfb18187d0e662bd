// Live clients the Action never touches and lists apart (SPEC §2): those Genesys is deleting, and those whose grant
// type or state the Action does not know.
import type { LeftAloneClient, Plan } from '../core/types.js';
import type { ReportBlock } from './budget.js';
import { code, plural } from './markdown.js';

type Unrecognised = Extract<LeftAloneClient, { reason: 'unrecognised' }>;

function renderItem(client: LeftAloneClient): string {
  if (client.reason === 'awaiting-deletion') {
    return client.dateToDelete ? `${code(client.name)} (removed by ${code(client.dateToDelete.slice(0, 10))})` : code(client.name);
  }
  return `${code(client.name)} (${client.field === 'state' ? 'state' : 'grant type'} ${code(client.value)})`;
}

/** The awaiting-deletion and the unrecognised clients of a plan, each a block of its own; none when there are none. */
export function renderLeftAlone(plan: Plan): ReportBlock[] {
  const going = (plan.leftAlone ?? []).filter((client) => client.reason === 'awaiting-deletion');
  const unknown = (plan.leftAlone ?? []).filter((client) => client.reason === 'unrecognised');
  const blocks: ReportBlock[] = [];
  if (going.length > 0) {
    blocks.push({
      head:
        `#### ${plural(going.length, 'client')} awaiting deletion\n\n` +
        `Genesys is deleting ${going.length === 1 ? 'it' : 'them'}: never matched, counted or written. ` +
        'A definition with the same name creates a new client.',
      items: going.map(renderItem),
      separator: ', ',
      omitted: (n) => `… and ${n} more.`,
      priority: 4,
    });
  }
  if (unknown.length > 0) {
    blocks.push({
      head:
        `#### ${plural(unknown.length, 'client')} left alone\n\n` +
        `A grant type or state this Action does not know: it never changes ${unknown.length === 1 ? 'this client' : 'these clients'}. ` +
        `Manage ${unknown.length === 1 ? 'it' : 'them'} in Genesys Cloud.`,
      items: unknown.map(renderItem),
      separator: ', ',
      omitted: (n) => `… and ${n} more.`,
      priority: 4,
    });
  }
  return blocks;
}

/** One terminal line per kind of left-alone client. */
export function leftAloneLines(plan: Plan): string[] {
  const going = (plan.leftAlone ?? []).filter((client) => client.reason === 'awaiting-deletion');
  const unknown = (plan.leftAlone ?? []).filter((client): client is Unrecognised => client.reason === 'unrecognised');
  return [
    ...(going.length > 0 ? [`  awaiting deletion (left alone): ${going.map((c) => c.name).join(', ')}`] : []),
    ...(unknown.length > 0
      ? [`  unknown grant type or state (left alone): ${unknown.map((c) => `${c.name} (${c.value})`).join(', ')}`]
      : []),
  ];
}
