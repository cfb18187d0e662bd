// The plan and its outcome as terminal text: the same facts as the Markdown report, for a person at a shell.
import type { Attribution } from '../core/attribution.js';
import { escapeTerminal, quote } from '../core/escape.js';
import { leftAloneLines } from '../report/left-alone.js';
import { holdNoSecret, plural } from '../report/markdown.js';
import { countPlan, unmanagedLeftAlone } from '../core/plan.js';
import type { FieldChange, Plan, PlanAction, Problem, RoleGrant } from '../core/types.js';
import type { ModeOutcome } from '../modes/types.js';
import { renderApiError } from '../report/client-details.js';
import { describeFieldDrift, splitSetDrift } from '../report/drift-details.js';
import { nameGrant } from '../core/grant-names.js';
import { redactSecrets } from '../report/redact.js';
import { secretsToReset } from '../report/render.js';
import { attributionText, staleLines } from './audit-lines.js';

/** How text reaches the terminal: every piece passes through one of these, which also strip control characters. */
export interface Palette {
  plain(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  red(text: string): string;
  bold(text: string): string;
  dim(text: string): string;
}

// Values from the org arrive inside this text: their control characters go before our own escape sequences are added.
const ansi = (code: number) => (text: string) => `\u001b[${code}m${escapeTerminal(text)}\u001b[0m`;
export const COLOURS: Palette = { plain: escapeTerminal, green: ansi(32), yellow: ansi(33), red: ansi(31), bold: ansi(1), dim: ansi(2) };
const E = escapeTerminal;
export const PLAIN: Palette = { plain: E, green: E, yellow: E, red: E, bold: E, dim: E };

function position(p: Problem): string {
  return p.file ? `${p.file}:${p.line ?? 1}:${p.column ?? 1}: ` : p.client ? `${p.client}: ` : '';
}

function grant(g: RoleGrant): string {
  const { role, division } = nameGrant(g, { ids: false });
  return `${role} in ${division}`;
}

function changeLines(change: FieldChange, c: Palette): string[] {
  if (change.kind === 'scalar')
    return [
      `${c.plain(`    ${change.field}: `)}${c.red(JSON.stringify(change.old))}${c.plain(' → ')}${c.green(JSON.stringify(change.new))}`,
    ];
  const added = change.kind === 'roles' ? change.added.map(grant) : change.added;
  const removed = change.kind === 'roles' ? change.removed.map(grant) : change.removed;
  return [c.plain(`    ${change.field}:`), ...added.map((v) => c.green(`      + ${v}`)), ...removed.map((v) => c.red(`      - ${v}`))];
}

function actionLines(action: PlanAction, c: Palette): string[] {
  switch (action.kind) {
    case 'create':
      return [c.green(`  + create ${action.client}`) + c.dim(` (${action.desired.authorized_grant_type})`)];
    case 'update':
      return [c.yellow(`  ~ update ${action.client}`) + c.dim(` (${action.id})`), ...action.changes.flatMap((ch) => changeLines(ch, c))];
    case 'delete':
      return [c.red(`  - delete ${action.client}`) + c.dim(` (${action.id})`)];
    case 'reset-secret':
      return [
        c.yellow(`  ! reset secret ${action.client}`) + c.dim(` (${action.id})`),
        c.plain(`    ${holdNoSecret(action.missing)}; the old secret stops working at once`),
      ];
    case 'noop':
      return [];
  }
}

/** Drift in the drift issue's words: what the repository says, what the org has; roles granted in the org first. */
function driftLines(action: PlanAction, c: Palette, attributions: readonly Attribution[] = []): string[] {
  switch (action.kind) {
    case 'create':
      return [c.yellow(`  ! ${action.client} is missing: declared in the repository, not in the org`)];
    case 'delete':
      return [c.red(`  - ${action.client}`) + c.dim(` (${action.id}) is in the org, not in the repository, and --prune is on`)];
    case 'reset-secret':
      return [c.yellow(`  ! ${action.client}: ${holdNoSecret(action.missing)}; the next apply resets and delivers it`)];
    case 'noop':
      return [];
    case 'update': {
      const changed = attributionText(attributions.find((attribution) => attribution.id === action.id));
      return [
        c.yellow(`  ~ ${action.client} differs`) + c.dim(` (${action.id})${changed ? `, ${changed}` : ''}`),
        ...action.changes.flatMap((change) => {
          if (change.kind !== 'roles') return [c.plain(`    ${describeFieldDrift(change, quote)}`)];
          const { inOrgOnly, inRepositoryOnly } = splitSetDrift(change);
          return [
            '    roles:',
            ...inOrgOnly.map((role) => c.red(`      + ${role}   ← granted in the org, not in the repository`)),
            ...inRepositoryOnly.map((role) => c.green(`      - ${role}   ← in the repository, not granted in the org`)),
          ];
        }),
      ];
    }
  }
}

function driftHeadline(plan: Plan, drift: boolean | undefined, leftAlone: number): string {
  const counts = countPlan(plan);
  // A client `--prune` deletes is counted once, as a delete.
  const unmanaged = leftAlone > 0 ? `; ${leftAlone} unmanaged (left alone)` : '';
  if (!drift && counts.update + counts.create + counts.delete === 0)
    return `No drift in ${plan.label}: the org matches the repository${unmanaged}.`;
  const pruned = counts.delete > 0 ? `, ${counts.delete} to delete (--prune)` : '';
  return `Drift in ${plan.label}: ${counts.update} changed, ${counts.create} missing${pruned}${unmanaged}.`;
}

/** Renders a mode's outcome for a terminal; secrets are redacted like every other channel. */
export function renderTerminal(outcome: ModeOutcome, c: Palette, secrets: readonly string[]): string {
  const { report } = outcome;
  const { plan, failure } = report;
  const lines: string[] = [];
  for (const p of report.problems) lines.push(c.red(`error: ${position(p)}${p.message}`));
  for (const p of report.warnings) lines.push(c.yellow(`warning: ${position(p)}${p.message}`));
  if (plan) {
    const counts = countPlan(plan);
    const isCheck = report.kind === 'check';
    // A pruned client is shown once, as a delete; only the others are left alone.
    const leftAlone = unmanagedLeftAlone(plan);
    // Problems first: counts that leave out the clients with problems must not read as the plan.
    for (const p of plan.problems) lines.push(c.red(`error: ${position(p)}${p.message}`));
    const headline =
      plan.problems.length > 0
        ? `Plan for ${plan.label}: ${plan.problems.length} problem(s) above; ` +
          'nothing can be applied until they are fixed. For the other clients:'
        : isCheck
          ? driftHeadline(plan, report.drift?.detected, leftAlone.length)
          : `Plan for ${plan.label}: ${counts.create} to create, ${counts.update} ` +
            `to update, ${counts.delete} to delete${secretsToReset(counts['reset-secret'])}, ${counts.unmanaged} unmanaged.`;
    lines.push(c.bold(headline));
    for (const p of plan.warnings) lines.push(c.yellow(`warning: ${position(p)}${p.message}`));
    const ordered = [...plan.actions].sort((a, b) => Number(b.kind === 'delete') - Number(a.kind === 'delete'));
    for (const action of ordered) lines.push(...(isCheck ? driftLines(action, c, report.audit?.attributions) : actionLines(action, c)));
    if (leftAlone.length > 0) lines.push(c.dim(`  unmanaged (left alone): ${leftAlone.map((u) => u.name).join(', ')}`));
    lines.push(...staleLines(report.audit, c));
    for (const line of leftAloneLines(plan)) lines.push(c.dim(line));
  }
  for (const o of report.apply?.outcomes ?? []) {
    if (o.kind === 'failed') {
      lines.push(c.red(`  ✗ ${o.action} ${o.client} failed: ${renderApiError(o.error, { quote, text: String })}`));
    } else {
      lines.push(c.green(`  ✓ ${o.kind} ${o.client}`));
    }
  }
  for (const name of report.apply?.unconverged ?? []) lines.push(c.red(`  ✗ ${name} does not read back as declared`));
  for (const due of plan?.secretsDue ?? [])
    lines.push(c.yellow(`  secret of ${due.client} due for rotation (${plural(due.ageDays, 'day')} old)`));
  for (const o of report.rotation?.outcomes ?? []) {
    if (o.kind === 'secret-reset') {
      const failed = (o.deliveryFailures ?? []).map((f) => ` (not delivered to ${f.channel}: ${f.error.message})`).join('');
      lines.push(
        failed ? c.red(`  ✗ rotated ${o.client}${failed}`) : c.green(`  ✓ rotated ${o.client} → ${o.secretDeliveredTo.join(', ')}`),
      );
    } else if (o.kind === 'failed') lines.push(c.red(`  ✗ rotate ${o.client} failed: ${o.error.message}`));
  }
  for (const r of report.rotation?.refused ?? []) lines.push(c.red(`  ✗ not rotated ${r.client}: ${r.reason}`));
  if (report.refusal) lines.push(c.red(report.refusal.hint), ...report.refusal.differences.map((d) => c.plain(`  ${d}`)));
  if (failure) lines.push(c.red(`${failure.reason}: ${failure.message}`));
  else if (plan && report.kind !== 'check' && !plan.actions.some((a) => a.kind !== 'noop'))
    lines.push(c.green('No changes. The org matches the repository.'));
  else if (report.kind === 'validate') lines.push(c.green('The definitions are valid. Nothing was sent to Genesys.'));
  if (report.kind === 'check' && !failure) lines.push(report.drift?.detected ? c.yellow('Drift found.') : c.green('No drift.'));
  return redactSecrets(lines.join('\n'), secrets);
}
