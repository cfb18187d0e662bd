import { describe, expect, it } from 'vitest';
import { chooseMode, type EventInfo, isForkPullRequest } from '../../src/action/event.js';
import { readInputs } from '../../src/action/inputs.js';
import { deriveLabel, InputError } from '../../src/modes/options.js';

const repository = { full_name: 'acme/genesys-config', default_branch: 'main' };
const anEvent = (name: string, overrides: Partial<EventInfo> = {}): EventInfo => ({
  name,
  payload: { repository },
  sha: 'a'.repeat(40),
  ref: 'refs/heads/main',
  repository: { owner: 'acme', repo: 'genesys-config' },
  ...overrides,
});
const pullRequest = (headRepo: { full_name?: string; fork?: boolean } | null) => ({
  payload: { repository, pull_request: { number: 3, head: { repo: headRepo }, base: { repo: repository } } },
});

describe('chooseMode', () => {
  it.each([
    ['pull_request', anEvent('pull_request', pullRequest({ full_name: 'acme/genesys-config', fork: false })), 'plan'],
    ['pull_request from a fork', anEvent('pull_request', pullRequest({ full_name: 'stranger/genesys-config', fork: true })), 'validate'],
    ['pull_request from a deleted fork', anEvent('pull_request', pullRequest(null)), 'validate'],
    ['pull_request_target', anEvent('pull_request_target', pullRequest({ full_name: 'acme/genesys-config', fork: false })), 'plan'],
    [
      'pull_request_target from a fork',
      anEvent('pull_request_target', pullRequest({ full_name: 'stranger/genesys-config', fork: true })),
      'validate',
    ],
    ['push to the default branch', anEvent('push'), 'apply'],
    ['push to another branch', anEvent('push', { ref: 'refs/heads/feature' }), 'plan'],
    ['schedule', anEvent('schedule'), 'check'],
    ['workflow_dispatch', anEvent('workflow_dispatch'), 'check'],
    ['anything else', anEvent('release'), 'plan'],
  ] as const)('auto means what it should for %s', (_what, event, mode) => {
    expect(chooseMode(event, { mode: 'auto' }).mode).toBe(mode);
  });

  it.each([
    ['pull_request', anEvent('pull_request', pullRequest({ full_name: 'acme/genesys-config' })), 'plan', 'a `pull_request` event'],
    [
      'pull_request_target',
      anEvent('pull_request_target', pullRequest({ full_name: 'acme/genesys-config' })),
      'plan',
      'a `pull_request_target` event',
    ],
    ['push to main', anEvent('push'), 'apply', 'a push to the default branch `main`'],
    ['push to feature', anEvent('push', { ref: 'refs/heads/feature' }), 'plan', 'a push to `refs/heads/feature`, not the default branch'],
    ['schedule', anEvent('schedule'), 'check', 'a `schedule` event'],
    ['workflow_dispatch', anEvent('workflow_dispatch'), 'check', 'a `workflow_dispatch` event'],
    ['release', anEvent('release'), 'plan', 'a `release` event (no mode of its own)'],
  ] as const)('says in the log why auto chose its mode: %s', (_what, event, mode, reason) => {
    expect(chooseMode(event, { mode: 'auto' })).toEqual({ mode, reason, fork: false });
  });

  it('names the explicit mode or the fork as the reason', () => {
    expect(chooseMode(anEvent('workflow_dispatch'), { mode: 'rotate' })).toEqual({ mode: 'rotate', reason: '`mode: rotate`', fork: false });
    const fork = anEvent('pull_request', pullRequest({ full_name: 'stranger/genesys-config', fork: true }));
    expect(chooseMode(fork, { mode: 'auto' })).toEqual({
      mode: 'validate',
      reason: 'a pull request from a fork (`pull_request`): definitions only',
      fork: true,
    });
  });

  it('never applies a push whose payload names no default branch, whatever the ref', () => {
    const bare = anEvent('push', { payload: {}, ref: 'refs/heads/undefined' });
    expect(chooseMode(bare, { mode: 'auto' })).toEqual({
      mode: 'plan',
      reason: 'a push to `refs/heads/undefined`, not the default branch',
      fork: false,
    });
  });

  it('lets an explicit mode win over the event', () => {
    expect(chooseMode(anEvent('workflow_dispatch'), { mode: 'apply' }).mode).toBe('apply');
  });

  it('validates a pull request from a fork whatever mode the workflow asks for', () => {
    const fork = anEvent('pull_request_target', pullRequest({ full_name: 'stranger/genesys-config', fork: true }));
    expect(chooseMode(fork, { mode: 'plan' })).toMatchObject({ mode: 'validate', fork: true });
    expect(chooseMode(fork, { mode: 'apply' })).toMatchObject({ mode: 'validate', fork: true });
  });
});

describe('isForkPullRequest', () => {
  type Pr = NonNullable<EventInfo['payload']['pull_request']>;
  const withPr = (pr: Pr, repo: EventInfo['payload']['repository'] | null = repository, name = 'pull_request') =>
    anEvent(name, { payload: { ...(repo ? { repository: repo } : {}), pull_request: pr } });
  const stranger = { full_name: 'stranger/genesys-config' };

  it.each([
    ['a head marked as a fork, without its name', withPr({ number: 1, head: { repo: { fork: true } } }), true],
    ['a head repository named differently from the repository', withPr({ number: 1, head: { repo: stranger } }), true],
    [
      'a head named differently from the base, without a repository',
      withPr({ number: 1, head: { repo: stranger }, base: { repo: repository } }, null),
      true,
    ],
    ['a head named like the repository', withPr({ number: 1, head: { repo: { full_name: 'acme/genesys-config' } } }), false],
    ['a head with no name and no fork flag', withPr({ number: 1, head: { repo: { fork: false } } }), false],
    ['a pull request without a head', withPr({ number: 1 }), false],
    ['a head named, but no repository and no base to compare with', withPr({ number: 1, head: { repo: stranger } }, null), false],
    ['a base without its repository, and no repository', withPr({ number: 1, head: { repo: stranger }, base: {} }, null), false],
    [
      'a fork head on an event that is no pull request',
      withPr({ number: 1, head: { repo: { ...stranger, fork: true } } }, repository, 'push'),
      false,
    ],
    ['a pull_request event without a pull request', anEvent('pull_request'), false],
  ] as const)('tells a fork by what the payload says: %s', (_what, event, fork) => {
    expect(isForkPullRequest(event)).toBe(fork);
  });
});

describe('readInputs', () => {
  it('trims every input and reads an empty or blank one as not given', () => {
    const options = readInputs(
      {
        INPUT_MODE: ' plan ',
        INPUT_PRUNE: ' yes\n',
        INPUT_COMMENT: '',
        'INPUT_DRIFT-ISSUE': '   ',
        'INPUT_STALE-AFTER-DAYS': '30',
        'INPUT_REVIEW-KEY': 'review-key-value',
        'INPUT_READ-BACK-SECONDS': '7',
        INPUT_ROTATE: 'feed-*\n  billing  \n',
        'INPUT_SECRETS-TOKEN': ' secrets-token ',
      },
      '/cwd',
    );
    expect(options).toMatchObject({
      mode: 'plan',
      prune: true,
      comment: 'on-change',
      driftIssue: true,
      staleAfterDays: 30,
      reviewKey: 'review-key-value',
      readBackSeconds: 7,
      rotate: ['feed-*', 'billing'],
      secretsToken: 'secrets-token',
    });
  });

  it.each([
    ['YES', true],
    ['On', true],
    ['1', true],
    ['TRUE', true],
    ['No', false],
    ['off', false],
    ['0', false],
    ['False', false],
  ])('reads `%s` as %s for a true-or-false input', (value, expected) => {
    expect(readInputs({ 'INPUT_AUTO-APPROVE': value }, '/').autoApprove).toBe(expected);
  });

  it.each(['upon', 'yesterday', 'takeoff', 'nothing'])('refuses `%s`, which only contains a true-or-false word', (value) => {
    expect(() => readInputs({ 'INPUT_FAIL-ON-DRIFT': value }, '/')).toThrow(
      new InputError(`Input \`fail-on-drift\` must be \`true\` or \`false\`, not \`${value}\`.`),
    );
  });

  it('lists every allowed mode when refusing one, and names the Action inputs in number errors', () => {
    expect(() => readInputs({ INPUT_MODE: 'export' }, '/')).toThrow(
      new InputError('Input `mode` must be one of `auto`, `validate`, `plan`, `apply`, `check`, `rotate`, not `export`.'),
    );
    expect(() => readInputs({ 'INPUT_STALE-AFTER-DAYS': 'soon' }, '/')).toThrow(
      new InputError('Input `stale-after-days` must be a whole number of days (`0` turns the listing off), not `soon`.'),
    );
    expect(() => readInputs({ 'INPUT_READ-BACK-SECONDS': '1.5' }, '/')).toThrow(
      new InputError('Input `read-back-seconds` must be a whole number of seconds from 0 to 9999, not `1.5`.'),
    );
  });

  it("reads inputs with their hyphens kept, and falls back to the Terraform provider's environment variables", () => {
    const options = readInputs(
      {
        'INPUT_GENESYS-CLIENT-ID': '0123456789abcdef',
        GENESYSCLOUD_OAUTHCLIENT_SECRET: 'from-env-secret',
        GENESYSCLOUD_REGION: 'eu-west-1',
        INPUT_PRUNE: 'true',
        INPUT_IGNORE: 'legacy-*\n\n  manual ',
        GITHUB_WORKSPACE: '/repo',
      },
      '/cwd',
    );
    expect(options).toMatchObject({
      mode: 'auto',
      path: 'genesys/oauth-clients',
      workspace: '/repo',
      genesys: { clientId: '0123456789abcdef', clientSecret: 'from-env-secret', region: 'eu-west-1' },
      prune: true,
      ignore: ['legacy-*', 'manual'],
      comment: 'on-change',
      failOnDrift: true,
      driftIssue: true,
      autoApprove: false,
    });
  });

  it('derives a label from the region (or API host) and the path, naming the org once it is known', () => {
    const derived = readInputs({ 'INPUT_GENESYS-CLIENT-ID': '0123456789abcdef', 'INPUT_GENESYS-REGION': 'EU-West-1' }, '/');
    expect(derived).toMatchObject({ label: 'eu-west-1/genesys/oauth-clients', labelDerived: true });
    expect(deriveLabel(derived.genesys, derived.path, 'e0000000-0000-4000-8000-000000000001')).toBe(
      'eu-west-1:e0000000/genesys/oauth-clients',
    );
    expect(readInputs({ 'INPUT_GENESYS-API-URL': 'http://127.0.0.1:9000', INPUT_PATH: './defs/' }, '/').label).toBe('127.0.0.1:9000/defs');
    expect(readInputs({ INPUT_LABEL: 'prod' }, '/')).toMatchObject({ label: 'prod', labelDerived: false });
  });

  it.each([
    ['prune', 'maybe', '`prune` must be `true` or `false`'],
    ['mode', 'export', '`mode` must be one of'],
    ['comment', 'sometimes', '`comment` must be one of'],
    ['genesys-api-url', 'not a url', '`genesys-api-url` must be a full URL'],
  ])('refuses `%s: %s` with a message that says what is allowed', (name, value, message) => {
    expect(() => readInputs({ [`INPUT_${name.toUpperCase()}`]: value }, '/')).toThrow(InputError);
    expect(() => readInputs({ [`INPUT_${name.toUpperCase()}`]: value }, '/')).toThrow(message);
  });
});
