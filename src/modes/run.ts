// One entry for every mode, shared by the Action and the CLI.
import type { RunMode } from '../core/types.js';
import { runApply } from './apply.js';
import { runCheck } from './check.js';
import type { ModeDeps, ModeOutcome } from './types.js';
import { runPlan } from './plan.js';
import { runRotate } from './rotate.js';
import { runValidate } from './validate.js';

export async function runMode(mode: RunMode, deps: ModeDeps): Promise<ModeOutcome> {
  switch (mode) {
    case 'validate':
      return runValidate(deps);
    case 'plan':
      return runPlan(deps);
    case 'apply':
      return runApply(deps);
    case 'check':
      return runCheck(deps);
    case 'rotate':
      return runRotate(deps);
  }
}
