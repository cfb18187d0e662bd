// Where the story stands, in one line for people and one word for the marker.
import { summariseApply } from '../core/apply-result.js';
import { hasChanges } from '../core/plan.js';
import type { Failure } from '../core/types.js';
import type { Report } from './report.js';
import { code, linkTarget, plural } from './markdown.js';

export interface ReportStatus {
  /** For the marker: `planned`, `applied`, `drift`, … */
  status: string;
  /** The last line of the report, with the run link. */
  line: string;
}

/** The status of a report: a failure beats a refusal, which beats problems, which beat the kind's own outcome. */
export function describeStatus(report: Report): ReportStatus {
  const label = code(report.label);
  const link = renderRunLink(report);
  const where = link ? ` in ${link}` : '';
  const halted = haltingFailure(report);
  if (halted) return { status: halted.reason, line: `❌ ${FAILED[report.kind]} for ${label}${where}.` };
  if (report.refusal) {
    const why = report.refusal.reason === 'plan-changed' ? 'the plan changed since review' : REFUSED[report.refusal.reason];
    return { status: report.refusal.reason, line: `❌ Plan for ${label} not applied: ${why}${where}.` };
  }
  if (report.applying && !report.apply) {
    return {
      status: 'applying',
      line:
        `⏳ Applying the plan to ${label}${where}. If this line stays, the ` +
        'run was interrupted: the next apply reports what it left behind.',
    };
  }
  const problems = report.problems.length + (report.plan?.problems.length ?? 0);
  if (report.problems.length > 0) {
    return {
      status: 'invalid',
      line: `❌ Definitions for ${label} are invalid (${plural(problems, 'problem')})${where}: nothing was sent to Genesys.`,
    };
  }
  if (problems > 0)
    return { status: 'plan-failed', line: `❌ Plan for ${label} has ${plural(problems, 'problem')}${where}: fix them before merging.` };
  switch (report.kind) {
    case 'validate':
      return {
        status: 'valid',
        line: `✅ Definitions for ${label} are valid${where}. They were not compared with the org (validate mode).`,
      };
    case 'plan':
      return { status: 'planned', line: `📝 Plan for ${label} generated${where}.` };
    case 'apply':
      return describeApply(report, label, where);
    case 'check':
      return isDrift(report)
        ? {
            status: 'drift',
            line: `🔍 Drift found in ${label}: the org differs from the repository${link ? ` (checked by ${link})` : ''}.`,
          }
        : { status: 'in-sync', line: `✅ No drift in ${label}: the org matches the repository${link ? ` (checked by ${link})` : ''}.` };
    case 'rotate': {
      const rotated = report.rotation?.outcomes.filter((outcome) => outcome.kind === 'secret-reset').length ?? 0;
      return { status: 'rotated', line: `🔑 ${plural(rotated, 'secret')} of ${label} rotated${where}.` };
    }
  }
}

/**
 * A failure that stopped the run before it had anything else to report (no plan, problem, refusal or apply result):
 * the report then tells only that. Any other failure is told by what it is about (the problems, the drift, …).
 */
export function haltingFailure(report: Report): Failure | undefined {
  const told = report.plan !== undefined || report.problems.length > 0 || report.refusal !== undefined || report.apply !== undefined;
  return told ? undefined : report.failure;
}

/** For `check`: drift as the caller decided it, else any change in the plan. */
export function isDrift(report: Report): boolean {
  return report.drift?.detected ?? (report.plan !== undefined && hasChanges(report.plan));
}

function describeApply(report: Report, label: string, where: string): ReportStatus {
  // Stopped before any write (say, the comment could not be marked `applying`): never "nothing to apply".
  if (!report.apply && report.failure) return { status: report.failure.reason, line: `❌ ${FAILED.apply} for ${label}${where}.` };
  const outcomes = report.apply?.outcomes ?? [];
  const shortfalls = summariseApply(report.apply);
  const failed = shortfalls.failed.length;
  const unconverged = shortfalls.unconverged.length;
  if (failed > 0)
    return { status: 'apply-failed', line: `❌ Apply to ${label} failed for ${plural(failed, 'client')} of ${outcomes.length}${where}.` };
  const created = shortfalls.undelivered.filter((outcome) => outcome.kind === 'created').length;
  const reset = shortfalls.undelivered.length - created;
  if (created + reset > 0) {
    const whose = [created > 0 ? plural(created, 'new client') : '', reset > 0 ? plural(reset, 'reset client') : '']
      .filter(Boolean)
      .join(' and ');
    return {
      status: 'apply-failed',
      line: `❌ Applied to ${label}${where}, but the secret of ${whose} did not reach every place asked for.`,
    };
  }
  const duplicates = shortfalls.duplicates.length;
  if (duplicates > 0) {
    return {
      status: 'apply-failed',
      line:
        `❌ Applied to ${label}${where}, but ${plural(duplicates, 'new client')} now ` +
        `exist${duplicates === 1 ? 's' : ''} twice: another apply ran at the same time.`,
    };
  }
  if (unconverged > 0) {
    return {
      status: 'apply-failed',
      line:
        `❌ Applied to ${label}${where}, but ${plural(unconverged, 'client')} ` +
        `still differ${unconverged === 1 ? 's' : ''} when read back.`,
    };
  }
  if (outcomes.length === 0)
    return { status: 'applied', line: `✅ Nothing to apply to ${label}${where}: the org already matched the repository.` };
  return { status: 'applied', line: `✅ Plan applied to ${label}${where}.` };
}

/** Why a plan was not applied, as the end of a sentence. */
export const REFUSED: Record<NonNullable<Report['refusal']>['reason'], string> = {
  'plan-changed': 'the plan changed since it was reviewed',
  'not-reviewed': 'no reviewed plan was found for this commit',
  'not-latest': 'a newer commit is on the default branch',
};

const FAILED: Record<Report['kind'], string> = {
  validate: 'Validation failed',
  plan: 'Failed to generate the plan',
  apply: 'Apply failed',
  check: 'Drift check failed',
  rotate: 'Secret rotation failed',
};

function renderRunLink(report: Report): string {
  if (!report.run) return '';
  const name = report.run.name.replace(/[[\]\\]/g, '\\$&');
  const url = linkTarget(report.run.url);
  return `[${name}](${url})`;
}
