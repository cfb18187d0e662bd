import { describe, expect, it } from 'vitest';
import { describeUnreviewedApply } from '../../src/modes/deps.js';
import { DEFAULT_PATH } from '../../src/modes/options.js';

const defaults = {
  shell: 'cli' as const,
  path: DEFAULT_PATH,
  prune: false,
  ignore: [],
  label: 'eu-west-1/genesys/oauth-clients',
  labelDerived: true,
  variables: {},
};

describe('how to apply a plan nobody reviewed, in each shell', () => {
  it('points the Action at the manual restore workflow, whatever its settings', () => {
    expect(describeUnreviewedApply({ ...defaults, shell: 'action', path: 'defs', labelDerived: false, prune: true })).toBe(
      "run the README's manual restore workflow (`mode: apply` with `auto-approve: true`, behind an environment's required reviewers)",
    );
  });

  it('gives the CLI the bare command when every setting is the default', () => {
    expect(describeUnreviewedApply(defaults)).toBe('run `genesys-oauth-sync apply --auto-approve`');
  });

  it('repeats a non-default path and a given label, quoting for the shell what it must', () => {
    expect(describeUnreviewedApply({ ...defaults, path: "team's defs", label: 'prod/org:eu', labelDerived: false })).toBe(
      "run `genesys-oauth-sync apply --path 'team'\\''s defs' --label prod/org:eu --auto-approve`",
    );
  });

  it('quotes a value with a space anywhere, not only at its end', () => {
    expect(describeUnreviewedApply({ ...defaults, path: 'my defs', ignore: ['legacy *'] })).toBe(
      "run `genesys-oauth-sync apply --path 'my defs' --ignore 'legacy *' --auto-approve`",
    );
  });
});
