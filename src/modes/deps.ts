// What both shells hand every mode, built once from the options: the settings, and a Genesys connection opened on
// demand behind the one credential check.
import { runClock } from './clock.js';
import type { ModeDeps } from './types.js';
import { deriveLabel, type Options, requireCredentials } from './options.js';

/** Where a shell's results and secrets go; everything else comes from the options. */
export type ShellWiring = Pick<
  ModeDeps,
  'env' | 'reporter' | 'onSecret' | 'findReview' | 'checkLatest' | 'markApplying' | 'actionsSecrets' | 'repository'
>;

/** The dependencies of every mode, the same for the Action and the CLI. */
export function buildModeDeps(options: Options, wiring: ShellWiring): ModeDeps {
  const {
    path,
    workspace,
    label,
    prune,
    ignore,
    autoApprove,
    failOnDrift,
    staleAfterDays,
    reviewKey,
    driftPr,
    variables,
    readBackSeconds,
  } = options;
  return {
    ...wiring,
    settings: {
      path,
      workspace,
      label,
      labelForOrg: options.labelDerived ? (organizationId) => deriveLabel(options.genesys, path, organizationId) : undefined,
      prune,
      ignore,
      autoApprove,
      failOnDrift,
      staleAfterDays,
      reviewKey,
      driftPr,
      variables,
      readBackSeconds,
      rotate: options.rotate,
    },
    openGenesys: async () => {
      const credentials = requireCredentials(options, wiring.env);
      // Loaded on demand so `validate` (fork pull requests) never loads the SDK.
      const { connectGenesys } = await import('../genesys/connect.js');
      return connectGenesys({ ...credentials, onSecret: wiring.onSecret, sleep: runClock().sleep });
    },
  };
}
