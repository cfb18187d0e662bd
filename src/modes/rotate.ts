// rotate: reset the secrets that are due (or that the `rotate` input names), deliver each to every channel its client
// declares, and report per client (SPEC §4, §10). Never chosen by `auto`, needs no reviewed plan, changes nothing
// else in the org, and never touches the Action's own client.
import { resetAndDeliver, type SecretResetOutcome } from '../apply/reset-secret.js';
import { summariseError } from '../apply/summarise-error.js';
import { isIgnored, matchClients } from '../core/match.js';
import { findDueSecret } from '../core/rotation.js';
import { channelsOf, deliveryOf } from '../core/secret-channels.js';
import type { ClientOutcome, Definition, LiveClient } from '../core/types.js';
import type { Report, RotationResult } from '../report/report.js';
import { deliveryTargets } from './apply.js';
import type { ExposedSecret, ModeDeps, ModeOutcome } from './types.js';
import { readSecretChannels } from './secret-channels.js';
import { loadDefinitions, validationFailure } from './pipeline.js';

/** The `rotate` mode. */
export async function runRotate(deps: ModeDeps): Promise<ModeOutcome> {
  const { settings, reporter } = deps;
  const loaded = await loadDefinitions(deps);
  const base: Report = { label: settings.label, kind: 'rotate', problems: loaded.problems, warnings: loaded.warnings };
  if (loaded.problems.length > 0) return { report: { ...base, failure: validationFailure(loaded.problems) } };

  const org = await deps.openGenesys();
  const live = await org.readOrg();
  const label = settings.labelForOrg?.(live.self.organizationId) ?? settings.label;
  const report: Report = { ...base, label, org: live.self.organizationName };
  const matched = matchClients(loaded.definitions, live.clients, live.self.clientId);
  // The Action never resets its own secret (a due one is not even listed, as in the plan); naming it is refused below.
  const managed = matched.matches.filter(
    (match): match is { definition: Definition; live: LiveClient } => match.live !== undefined && !match.self,
  );
  const channels = await readSecretChannels(
    managed.map((match) => match.definition),
    { org, secrets: deps.actionsSecrets, repository: deps.repository },
  );
  if (channels.problems.length > 0) {
    for (const problem of channels.problems) reporter.error(problem);
    const message = `${channels.problems.length} problem(s) reading where the secrets live; nothing was rotated. Fix them and run again.`;
    return { report: { ...report, problems: [...report.problems, ...channels.problems], failure: { reason: 'rotation-failed', message } } };
  }

  const patterns = settings.rotate ?? [];
  const now = deps.now?.() ?? new Date();
  const rotation: RotationResult = { chosen: [], outcomes: [], refused: [] };
  if (patterns.length > 0 && isIgnored(live.self.clientName, patterns)) {
    rotation.refused.push({
      client: live.self.clientName,
      reason: 'it is the OAuth client this Action authenticates as; rotate it by hand',
    });
  }
  for (const problem of matched.problems) {
    if (problem.client !== undefined && isIgnored(problem.client, patterns))
      rotation.refused.push({ client: problem.client, reason: problem.message });
  }
  const targets: { definition: Definition; live: LiveClient }[] = [];
  for (const match of managed) {
    const due = findDueSecret(match.definition, match.live.id, channels.state, now);
    const named = isIgnored(match.definition.name, patterns);
    if (!due && !named) continue;
    if (channelsOf(deliveryOf(match.definition)).length === 0) {
      rotation.refused.push({
        client: match.definition.name,
        reason: 'it declares no channel for its secret, so a new secret would be lost; add `github_secret` or another delivery first',
      });
      continue;
    }
    rotation.chosen.push(due ?? { client: match.definition.name, named: true });
    targets.push(match);
  }
  reporter.info(`Rotating ${targets.length} secret(s): ${targets.map((t) => `\`${t.definition.name}\``).join(', ') || 'none due'}.`);

  const exposedSecrets: Record<string, ExposedSecret> = {};
  const context = {
    ...deliveryTargets(deps, channels.state),
    org,
    workspace: settings.workspace,
    onSecret: deps.onSecret,
    deliverSecret: (d: { client: string; clientId: string; secret: string }) => {
      exposedSecrets[d.client] = { client_id: d.clientId, client_secret: d.secret };
    },
    log: (line: string) => reporter.info(line),
  };
  for (const { definition, live: client } of targets) {
    const target = { client: definition.name, id: client.id, delivery: deliveryOf(definition) };
    const outcome: ClientOutcome = await resetAndDeliver(target, context).catch(
      (error: unknown): ClientOutcome => ({
        kind: 'failed',
        client: definition.name,
        action: 'reset-secret',
        id: client.id,
        error: summariseError(error, []),
      }),
    );
    rotation.outcomes.push(outcome);
  }

  const failure = describeRotationFailure(rotation);
  return {
    report: { ...report, rotation, ...(failure ? { failure: { reason: 'rotation-failed', message: failure } } : {}) },
    exposedSecrets,
  };
}

/** Names each client and channel that did not get its new secret, and each refused client; never a secret. */
function describeRotationFailure(rotation: RotationResult): string | undefined {
  const parts: string[] = [];
  for (const outcome of rotation.outcomes) {
    if (outcome.kind === 'failed')
      parts.push(`the secret of \`${outcome.client}\` could not be reset (${outcome.error.message}); its old secret still works`);
    const failures = (outcome as SecretResetOutcome).deliveryFailures ?? [];
    if (outcome.kind === 'secret-reset' && failures.length > 0) {
      parts.push(
        `the new secret of \`${outcome.client}\` did not reach ${failures.map((f) => `\`${f.channel}\``).join(', ')} ` +
          '(the old secret no longer works: fix the cause and run `rotate` for it again)',
      );
    }
  }
  for (const refused of rotation.refused) parts.push(`\`${refused.client}\` was not rotated: ${refused.reason}`);
  return parts.length > 0 ? `${parts.join('; ')}.` : undefined;
}
