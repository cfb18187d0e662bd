// One collapsed section per client: what the plan does to it, field by field, and (after apply) how it went.
import type { ApiErrorSummary, ClientOutcome, ClientSpec, FieldChange, PlanAction, SecretChannel, SecretDelivery } from '../core/types.js';
import { channelsOf } from '../core/secret-channels.js';
import { code, details, escapeHtml, fence, holdNoSecret, htmlCode, inlineText, oneLine } from './markdown.js';
import { renderRole, renderScalar } from './values.js';

type ChangingAction = Exclude<PlanAction, { kind: 'noop' }>;

/** Risky first, as a reviewer reads: deletes, deactivations, other updates, then creates. */
export function orderForReview(actions: readonly PlanAction[]): ChangingAction[] {
  // A secret reset breaks whoever still holds the old secret: it is read right after deactivations.
  const rank = (action: ChangingAction) =>
    action.kind === 'delete' ? 0 : isDeactivation(action) ? 1 : action.kind === 'reset-secret' ? 2 : action.kind === 'update' ? 3 : 4;
  return actions
    .filter((action): action is ChangingAction => action.kind !== 'noop')
    .sort((a, b) => rank(a) - rank(b) || compareText(a.client, b.client));
}

/** An update that sets `state` to `inactive`: the client stops issuing tokens, so it is called out like a delete. */
export function isDeactivation(action: PlanAction): boolean {
  return action.kind === 'update' && action.changes.some((change) => change.field === 'state' && change.new === 'inactive');
}

/** The `<details>` block of one client; `outcome` is given after apply. */
export function renderClientDetails(action: ChangingAction, outcome?: ClientOutcome): string {
  return details(renderSummary(action, outcome), renderBody(action, outcome));
}

/** How a sink writes a value and free text: Markdown code spans and inline text by default, plain for a terminal. */
export interface TextSink {
  quote(text: string): string;
  text(text: string): string;
}
const MARKDOWN_SINK: TextSink = { quote: code, text: inlineText };

/** What the report says of a Genesys failure: status, code, message and correlation id, each once. */
export function renderApiError(error: ApiErrorSummary, sink: TextSink = MARKDOWN_SINK): string {
  const { quote, text } = sink;
  // The Genesys module already writes whole sentences that name status, code and correlation id; add only what is missing.
  const says = (text: string | number) => error.message.includes(String(text));
  const status = [
    error.status === undefined || says(error.status) ? undefined : `Genesys ${error.status}`,
    error.code && !says(error.code) ? quote(error.code) : undefined,
  ]
    .filter(Boolean)
    .join(' ');
  const correlation = error.correlationId && !says(error.correlationId) ? ` (correlation id ${quote(error.correlationId)})` : '';
  return `${status ? `${status}: ` : ''}${text(error.message)}${correlation}`;
}

function renderSummary(action: ChangingAction, outcome?: ClientOutcome): string {
  const name = htmlCode(action.client);
  if (outcome?.kind === 'failed') return `❌ <b>${action.kind} failed</b> ${name}`;
  if (outcome?.kind === 'secret-reset' && (outcome.deliveryFailures?.length ?? 0) > 0)
    return `⚠️ <b>secret reset, not delivered everywhere</b> ${name}`;
  if (outcome) return `✅ <b>${outcome.kind === 'secret-reset' ? 'secret reset' : outcome.kind}</b> ${name}`;
  switch (action.kind) {
    case 'create':
      return `➕ <b>create</b> ${name} · ${escapeHtml(action.desired.authorized_grant_type)}`;
    case 'delete':
      return `🗑️ <b>delete</b> ${name}`;
    case 'reset-secret':
      return `🔑 <b>reset secret</b> ${name} · ${holdNoSecret(action.missing.map((channel) => escapeHtml(channel)))}`;
    case 'update': {
      const verb = isDeactivation(action) ? '⏸️ <b>deactivate</b>' : '🔄 <b>update</b>';
      return `${verb} ${name} · ${action.changes.map((change) => escapeHtml(change.field)).join(', ')}`;
    }
  }
}

function renderBody(action: ChangingAction, outcome?: ClientOutcome): string {
  const parts: string[] = [];
  if (outcome?.kind === 'failed') parts.push(`**Failed:** ${renderApiError(outcome.error)}`);
  switch (action.kind) {
    case 'create':
      parts.push(fence('diff', specLines(action.desired, '+')));
      parts.push(renderDelivery(action.delivery, outcome));
      break;
    case 'delete':
      parts.push(
        outcome?.kind === 'deleted'
          ? `Set \`inactive\`, then deleted (${identify(action)}).`
          : `Will be set \`inactive\`, then deleted (${identify(action)}): anything using it stops getting tokens.`,
      );
      parts.push(fence('diff', specLines(action.current, '-')));
      break;
    case 'update':
      parts.push(...renderChanges(action.changes, identify(action)));
      break;
    case 'reset-secret':
      parts.push(renderReset(action, outcome));
      break;
  }
  return parts.filter((part) => part !== '').join('\n\n');
}

/** `id `x`, created 2024-05-01`: which live client this is, so a client swapped in under the same name stands out. */
export function identify(action: { id: string; created?: string }): string {
  return `id ${code(action.id)}${action.created ? `, created ${code(action.created.slice(0, 10))}` : ''}`;
}

function renderChanges(changes: readonly FieldChange[], identity: string): string[] {
  const scalars = changes.flatMap((change) =>
    change.kind === 'scalar'
      ? [`- ${code(change.field)}: ${code(renderScalar(change.field, change.old))} → ${code(renderScalar(change.field, change.new))}`]
      : [],
  );
  const sets = changes.flatMap((change) => {
    if (change.kind === 'scalar') return [];
    const added = change.kind === 'roles' ? change.added.map(renderRole) : change.added;
    const removed = change.kind === 'roles' ? change.removed.map(renderRole) : change.removed;
    return [`  ${change.field}:`, ...added.map((value) => `+   ${oneLine(value)}`), ...removed.map((value) => `-   ${oneLine(value)}`)];
  });
  return [identity, scalars.join('\n'), sets.length > 0 ? fence('diff', sets) : ''];
}

/** The whole client as diff lines, for a create (`+`) or a delete (`-`). */
function specLines(spec: ClientSpec, sign: '+' | '-'): string[] {
  const lines = [
    `name: ${JSON.stringify(spec.name)}`,
    `authorized_grant_type: ${spec.authorized_grant_type}`,
    ...(spec.description === '' ? [] : [`description: ${renderScalar('description', spec.description)}`]),
    `access_token_validity_seconds: ${renderScalar('access_token_validity_seconds', spec.access_token_validity_seconds)}`,
    `state: ${spec.state}`,
    ...setLines('registered_redirect_uris', spec.registered_redirect_uris),
    ...setLines('scopes', spec.scopes),
    ...setLines('roles', spec.roles.map(renderRole)),
  ];
  return lines.map((line) => `${sign} ${line}`);
}

function setLines(field: string, values: readonly string[]): string[] {
  return values.length === 0 ? [] : [`${field}:`, ...values.map((value) => `  - ${oneLine(value)}`)];
}

const CHANNEL_NAMES: Record<SecretChannel, (delivery: SecretDelivery) => string> = {
  output: () => 'the `client-secrets` step output (masked)',
  file: (delivery) => `a file named after the client id in ${code(delivery.directory_client_secret ?? 'directory_client_secret')}`,
  'integration-credential': (delivery) => `the integration credential ${code(delivery.integration_credential_name ?? '')}`,
  'github-secret': (delivery) => describeGitHubSecret(delivery),
};

function describeGitHubSecret(delivery: SecretDelivery): string {
  const target = delivery.github_secret;
  if (!target) return 'a GitHub secret';
  const where = [
    target.repository ? `of ${code(target.repository)}` : 'of this repository',
    target.environment !== undefined ? `in environment ${code(target.environment)}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const variable = target.client_id_variable ? ` (client id in the variable ${code(target.client_id_variable)})` : '';
  return `the GitHub secret ${code(target.name)} ${where}${variable}`;
}

/** Each channel named for a reader: `the GitHub secret X of this repository`, `the integration credential Y`. */
function channelNames(channels: readonly SecretChannel[], delivery: SecretDelivery): string[] {
  return channels.map((channel) => CHANNEL_NAMES[channel](delivery));
}

/** `the GitHub secret X of this repository, the integration credential Y`. */
export function describeChannels(channels: readonly SecretChannel[], delivery: SecretDelivery): string {
  return channelNames(channels, delivery).join(', ');
}

function renderReset(action: Extract<PlanAction, { kind: 'reset-secret' }>, outcome?: ClientOutcome): string {
  const lines = [`id ${code(action.id)}`];
  if (outcome?.kind === 'secret-reset') {
    if (outcome.secretDeliveredTo.length > 0)
      lines.push(`The secret was reset and went to ${describeChannels(outcome.secretDeliveredTo, action.delivery)}.`);
    for (const failure of outcome.deliveryFailures ?? [])
      lines.push(`⚠️ The new secret did not reach ${CHANNEL_NAMES[failure.channel](action.delivery)}: ${renderApiError(failure.error)}`);
    return lines.join('\n');
  }
  if (outcome?.kind === 'failed') return lines.join('\n');
  lines.push(
    `${holdNoSecret(channelNames(action.missing, action.delivery))}, and Genesys shows a secret only when it is reset: ` +
      `the secret will be reset and delivered to ${describeChannels(channelsOf(action.delivery), action.delivery)}.`,
    '> [!WARNING]',
    '> The old secret stops working at once: anything still using it fails to get tokens until it reads the new one.',
  );
  return lines.join('\n');
}

function renderDelivery(delivery: SecretDelivery, outcome?: ClientOutcome): string {
  if (outcome?.kind === 'failed') return '';
  if (outcome?.kind === 'created') {
    const lines = [`Created with id ${code(outcome.id)}.`];
    if (outcome.secretDeliveredTo.length > 0) lines.push(`The secret went to ${describeChannels(outcome.secretDeliveredTo, delivery)}.`);
    for (const failure of outcome.deliveryFailures ?? []) {
      lines.push(`⚠️ The secret did not reach ${CHANNEL_NAMES[failure.channel](delivery)}: ${renderApiError(failure.error)}`);
    }
    return lines.join('\n');
  }
  const channels = channelsOf(delivery);
  if (channels.length === 0) return 'Genesys shows the new secret only once; nothing asks for it, so it will not be kept.';
  return `The new secret will go to ${describeChannels(channels, delivery)}.`;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
