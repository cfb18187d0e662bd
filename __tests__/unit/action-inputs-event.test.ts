import { describe, expect, it } from 'vitest';
import { chooseMode, type EventInfo } from '../../src/action/event.js';
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

  it('lets an explicit mode win over the event', () => {
    expect(chooseMode(anEvent('workflow_dispatch'), { mode: 'apply' }).mode).toBe('apply');
  });

  it('validates a pull request from a fork whatever mode the workflow asks for', () => {
    const fork = anEvent('pull_request_target', pullRequest({ full_name: 'stranger/genesys-config', fork: true }));
    expect(chooseMode(fork, { mode: 'plan' })).toMatchObject({ mode: 'validate', fork: true });
    expect(chooseMode(fork, { mode: 'apply' })).toMatchObject({ mode: 'validate', fork: true });
  });
});

describe('readInputs', () => {
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
