// How a thrown failure is told to the user (failure.ts): the `failure-reason` output and the message, redacted.
import { describe, expect, it } from 'vitest';
import type { Mode } from '../../src/core/types.js';
import { GenesysApiError } from '../../src/genesys/api-error.js';
import { GitHubError } from '../../src/github/errors.js';
import { describeFailure } from '../../src/modes/failure.js';
import { ConfigError, InputError } from '../../src/modes/options.js';

describe('describeFailure', () => {
  it("gives an unexpected error the reason of the mode that failed, with the error's message", () => {
    const modes: Mode[] = ['validate', 'plan', 'check', 'export', 'apply', 'rotate'];
    const reasons = Object.fromEntries(modes.map((mode) => [mode, describeFailure(new Error('boom'), mode, [])]));
    expect(reasons).toEqual({
      validate: { reason: 'validation-failed', message: 'boom' },
      plan: { reason: 'plan-failed', message: 'boom' },
      check: { reason: 'plan-failed', message: 'boom' },
      export: { reason: 'plan-failed', message: 'boom' },
      apply: { reason: 'apply-failed', message: 'boom' },
      rotate: { reason: 'rotation-failed', message: 'boom' },
    });
  });

  it('says a GitHub failure left nothing applied, because the reviewed plan could not be found', () => {
    const error = new GitHubError('Could not list pull requests. Add `pull-requests: read`.', { status: 403, resource: 'pulls' });
    expect(describeFailure(error, 'apply', [])).toEqual({
      reason: 'not-reviewed',
      message: 'Could not find the reviewed plan, so nothing was applied. Could not list pull requests. Add `pull-requests: read`.',
    });
  });

  it('tells settings and credential failures apart from the mode, and never repeats a secret', () => {
    expect(describeFailure(new InputError('bad input'), 'apply', [])).toEqual({ reason: 'validation-failed', message: 'bad input' });
    expect(describeFailure(new ConfigError('no region'), 'plan', [])).toEqual({ reason: 'auth-failed', message: 'no region' });
    const login = new GenesysApiError({ status: 401, message: 'Login refused for s3cr3t-value.' });
    expect(describeFailure(login, 'check', ['s3cr3t-value'])).toEqual({ reason: 'auth-failed', message: 'Login refused for ***.' });
    expect(describeFailure('thrown text', 'rotate', [])).toEqual({ reason: 'rotation-failed', message: 'thrown text' });
  });
});
