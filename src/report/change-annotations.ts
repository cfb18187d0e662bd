// The plan beside the edit: one annotation per changed definition, at its `id:` (or `name:`) line, for "Files changed".
import { clip } from '../core/escape.js';
import type { FieldChange, Plan, PlanAction, SourcePosition } from '../core/types.js';
import { isDeactivation, orderForReview } from './client-details.js';
import { holdNoSecret, plural } from './markdown.js';
import { renderRole, renderScalar } from './values.js';

export interface ChangeAnnotation {
  /** `warning` for a client that would lose roles or be deactivated, `notice` for any other change. */
  level: 'warning' | 'notice';
  client: string;
  position: SourcePosition;
  message: string;
}

const MAX_VALUE_LENGTH = 60;

/** Risky first (as the comment orders them), then the others; clients with no known line are left to the comment. */
export function buildChangeAnnotations(plan: Plan, anchors: Readonly<Record<string, SourcePosition>>): ChangeAnnotation[] {
  const annotations: ChangeAnnotation[] = [];
  for (const action of orderForReview(plan.actions)) {
    const position = Object.hasOwn(anchors, action.client) ? anchors[action.client] : undefined;
    if (position === undefined || action.kind === 'delete') continue;
    annotations.push({ ...describe(action), client: action.client, position });
  }
  return annotations.sort((a, b) => Number(a.level === 'notice') - Number(b.level === 'notice'));
}

function describe(action: Exclude<PlanAction, { kind: 'noop' | 'delete' }>): Pick<ChangeAnnotation, 'level' | 'message'> {
  if (action.kind === 'create') {
    const spec = action.desired;
    const counts =
      spec.authorized_grant_type === 'CLIENT-CREDENTIALS'
        ? [plural(spec.roles.length, 'role')]
        : [
            plural(spec.scopes.length, 'scope'),
            ...(spec.registered_redirect_uris.length > 0 ? [plural(spec.registered_redirect_uris.length, 'redirect URI')] : []),
          ];
    return { level: 'notice', message: `create: ${spec.authorized_grant_type}, ${counts.join(', ')}` };
  }
  if (action.kind === 'reset-secret')
    return {
      level: 'warning',
      message: `reset-secret: ${holdNoSecret(action.missing, ' and ')}. The old secret stops working at once.`,
    };
  const changes = action.changes.map(describeChange).join('; ');
  const lost = action.changes.flatMap((change) => (change.kind === 'roles' ? change.removed : []));
  if (isDeactivation(action))
    return { level: 'warning', message: `deactivate: ${changes}. Whatever uses this client stops getting tokens.` };
  if (lost.length > 0) {
    const roles = lost.length === 1 ? 'a role' : `${lost.length} roles`;
    return { level: 'warning', message: `update: ${changes}. The client loses ${roles}: whatever uses it loses that access.` };
  }
  return { level: 'notice', message: `update: ${changes}` };
}

function describeChange(change: FieldChange): string {
  if (change.kind === 'scalar') {
    if (change.field === 'description') return 'description changed';
    const [old, now] = [change.old, change.new].map((value) => clip(renderScalar(change.field, value), MAX_VALUE_LENGTH));
    return `${change.field} ${old} → ${now}`;
  }
  const added = change.kind === 'roles' ? change.added.map(renderRole) : change.added;
  const removed = change.kind === 'roles' ? change.removed.map(renderRole) : change.removed;
  return [
    change.field,
    ...added.map((value) => `+${clip(value, MAX_VALUE_LENGTH)}`),
    ...removed.map((value) => `−${clip(value, MAX_VALUE_LENGTH)}`),
  ].join(' ');
}
