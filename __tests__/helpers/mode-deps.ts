// One `ModeDeps` for the tests that run a mode by hand: settings that default sensibly, an empty environment, the org
// a test hands it, and a reporter and `onSecret` that record every call, in the shapes the tests assert on.
import type { Problem } from '../../src/core/types.js';
import type { GenesysConnection } from '../../src/genesys/contract.js';
import type { ModeDeps, ModeSettings } from '../../src/modes/types.js';
import { FakeOrg } from './fake-org.js';

export interface ModeDepsOptions extends Partial<Omit<ModeDeps, 'settings'>> {
  /** Over the defaults: path `defs`, workspace `.`, label `test`, nothing pruned or ignored, no auto-approve, no failing on drift. */
  settings?: Partial<ModeSettings>;
  /** What `openGenesys` answers (default an empty `FakeOrg`); an `openGenesys` given as well wins. */
  org?: GenesysConnection;
}

/** The deps and what they recorded; every array fills as the mode runs. */
export interface RecordedModeDeps {
  deps: ModeDeps;
  /** Every reporter call in order, as `level: message` (a problem by its message). */
  log: string[];
  /** What a person reads: info lines as said, notices, warnings and errors after their level; no debug lines. */
  story: string[];
  /** The info messages, as said. */
  infos: string[];
  /** The problems handed to `warning` and to `error`, as given (with their client and position). */
  warnings: Problem[];
  errors: Problem[];
  /** Every value handed to `onSecret`. */
  masked: string[];
}

export function aModeDeps(options: ModeDepsOptions = {}): RecordedModeDeps {
  const { settings, org = new FakeOrg(), ...overrides } = options;
  const recorded: Omit<RecordedModeDeps, 'deps'> = { log: [], story: [], infos: [], warnings: [], errors: [], masked: [] };
  const { log, story, infos, warnings, errors, masked } = recorded;
  const say = (level: 'info' | 'debug' | 'notice' | 'warning' | 'error', message: string) => {
    log.push(`${level}: ${message}`);
    if (level !== 'debug') story.push(level === 'info' ? message : `${level}: ${message}`);
  };
  const deps: ModeDeps = {
    settings: {
      path: 'defs',
      workspace: '.',
      label: 'test',
      prune: false,
      ignore: [],
      autoApprove: false,
      failOnDrift: false,
      ...settings,
    },
    env: {},
    reporter: {
      info: (message) => {
        say('info', message);
        infos.push(message);
      },
      debug: (message) => say('debug', message),
      notice: (message) => say('notice', message),
      warning: (problem) => {
        say('warning', problem.message);
        warnings.push(problem);
      },
      error: (problem) => {
        say('error', problem.message);
        errors.push(problem);
      },
    },
    onSecret: (value) => masked.push(value),
    openGenesys: async () => org,
    ...overrides,
  };
  return { deps, ...recorded };
}
