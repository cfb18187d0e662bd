// What both shells hand every mode, built once from the options: the settings, and a Genesys connection opened on
// demand behind the one credential check.
import { runClock } from './clock.js';
import type { ModeDeps } from './types.js';
import { DEFAULT_PATH, deriveLabel, type Options, requireCredentials, SETTING_NAMES } from './options.js';

/** Where a shell's results and secrets go; everything else comes from the options. */
export type ShellWiring = Pick<
  ModeDeps,
  'env' | 'reporter' | 'onSecret' | 'findReview' | 'checkLatest' | 'markApplying' | 'actionsSecrets' | 'repository'
>;

/** The dependencies of every mode, the same for the Action and the CLI. */
export function buildModeDeps(options: Options, wiring: ShellWiring): ModeDeps {
  const clock = runClock();
  return {
    ...wiring,
    settings: {
      path: options.path,
      workspace: options.workspace,
      label: options.label,
      labelForOrg: options.labelDerived ? (organizationId) => deriveLabel(options.genesys, options.path, organizationId) : undefined,
      prune: options.prune,
      ignore: options.ignore,
      autoApprove: options.autoApprove,
      failOnDrift: options.failOnDrift,
      staleAfterDays: options.staleAfterDays,
      reviewKey: options.reviewKey,
      driftPr: options.driftPr,
      variables: options.variables,
      readBackSeconds: options.readBackSeconds,
      rotate: options.rotate,
      applyUnreviewed: describeUnreviewedApply(options),
      shell: options.shell,
    },
    clock,
    openGenesys: async () => {
      const credentials = requireCredentials(options, wiring.env);
      // Loaded on demand so `validate` (fork pull requests) never loads the SDK.
      const { connectGenesys } = await import('../genesys/connect.js');
      return connectGenesys({
        ...credentials,
        names: SETTING_NAMES[options.shell],
        onSecret: wiring.onSecret,
        sleep: clock.sleep,
        now: clock.now,
      });
    },
  };
}

/** A re-run cannot change a workflow's inputs, and a re-run apply is refused: say what works, in this shell's words. */
export function describeUnreviewedApply(
  options: Pick<Options, 'shell' | 'path' | 'prune' | 'ignore' | 'label' | 'labelDerived' | 'variables'>,
): string {
  if (options.shell === 'action') {
    return "run the README's manual restore workflow (`mode: apply` with `auto-approve: true`, behind an environment's required reviewers)";
  }
  const quote = (value: string) => (/^[\w./:@=+,-]+$/.test(value) ? value : `'${value.replace(/'/g, "'\\''")}'`);
  const flags = [
    ...(options.path === DEFAULT_PATH ? [] : ['--path', quote(options.path)]),
    ...(options.labelDerived ? [] : ['--label', quote(options.label)]),
    ...(options.prune ? ['--prune'] : []),
    ...options.ignore.flatMap((pattern) => ['--ignore', quote(pattern)]),
    ...Object.entries(options.variables).map(([key, value]) => `--var ${quote(`${key}=${value}`)}`),
  ];
  return `run \`${['genesys-oauth-sync apply', ...flags, '--auto-approve'].join(' ')}\``;
}
