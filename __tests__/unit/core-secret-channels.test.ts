import { describe, expect, it } from 'vitest';
import { gitHubSecretKey } from '../../src/core/github-secret-key.js';
import { buildPlan, hasChanges } from '../../src/core/plan.js';
import { actionKey, digestPlan } from '../../src/core/review.js';
import { gitHubScopeKey } from '../../src/core/secret-channels.js';
import type { SecretChannelState } from '../../src/core/types.js';
import { aDefinition, aLiveClient, anOrg, PLAN_OPTIONS } from '../helpers/builders.js';

const REPO = 'acme/genesys-config';
const target = { name: 'INTEGRATION_SECRET' };
const NOW = new Date('2026-06-30T00:00:00Z');
const org = () => ({ ...anOrg(), clients: [...anOrg().clients, aLiveClient()] });

function channels(overrides: Partial<SecretChannelState> = {}): SecretChannelState {
  return { repository: REPO, githubSecrets: {}, githubScopesRead: [gitHubScopeKey(target, REPO)], ...overrides };
}

const plan = (definition = aDefinition({ github_secret: target }), state = channels()) =>
  buildPlan([definition], org(), { ...PLAN_OPTIONS, channels: state, now: NOW });

describe('reconciling lasting secret channels', () => {
  it('plans a secret reset for a managed client whose GitHub secret does not exist', () => {
    const result = plan();
    expect(result.actions).toEqual([
      {
        kind: 'reset-secret',
        client: 'integration',
        id: 'live-1',
        missing: ['github-secret'],
        delivery: { expose_client_secret: false, github_secret: target },
      },
    ]);
    expect(hasChanges(result)).toBe(true);
  });

  it('plans nothing when the GitHub secret exists, whatever the case of its name', () => {
    const state = channels({ githubSecrets: { [gitHubSecretKey({ name: 'integration_secret' }, REPO)]: '2026-06-01T00:00:00Z' } });
    expect(plan(undefined, state).actions).toEqual([{ kind: 'noop', client: 'integration', id: 'live-1' }]);
  });

  it('plans nothing for a scope that could not be read (that is a problem of its own)', () => {
    expect(plan(undefined, channels({ githubScopesRead: [] })).actions[0]?.kind).toBe('noop');
  });

  it('plans a reset when the integration credential is missing, and none when it exists', () => {
    const definition = aDefinition({ integration_credential_name: 'cred' });
    expect(plan(definition, channels({ credentials: {} })).actions[0]).toMatchObject({
      kind: 'reset-secret',
      missing: ['integration-credential'],
    });
    expect(plan(definition, channels({ credentials: { cred: { id: 'c1' } } })).actions[0]?.kind).toBe('noop');
  });

  it("never plans a reset of the Action's own client, even when it declares a GitHub secret that is missing", () => {
    const own = aDefinition({ name: 'genesys-oauth-sync', roles: [{ role: 'admin', division: '*' }], github_secret: target });
    const result = buildPlan([own], anOrg(), { ...PLAN_OPTIONS, channels: channels(), now: NOW });
    expect(result.actions.filter((action) => action.kind === 'reset-secret')).toEqual([]);
  });

  it('never plans a reset for a client to create: its secret is delivered on create', () => {
    const result = buildPlan([aDefinition({ name: 'new', github_secret: target })], anOrg(), { ...PLAN_OPTIONS, channels: channels() });
    expect(result.actions.map((action) => action.kind)).toEqual(['create']);
  });

  it('keeps a reset apart from an update of the same client, in the review digests too', () => {
    const result = plan(aDefinition({ github_secret: target, description: 'changed' }));
    expect(result.actions.map((action) => action.kind)).toEqual(['reset-secret', 'update']);
    expect(new Set(result.actions.map(actionKey)).size).toBe(2);
    expect(Object.keys(digestPlan(result))).toHaveLength(2);
  });

  it('hashes the target of a reset: another secret name is another plan', () => {
    const other = plan(aDefinition({ github_secret: { name: 'OTHER' } }), channels({ githubScopesRead: [gitHubScopeKey(target, REPO)] }));
    expect(other.hash).not.toBe(plan().hash);
  });

  it('keeps the hash of a create without github_secret as it was', () => {
    const before = buildPlan([aDefinition({ name: 'new' })], anOrg(), PLAN_OPTIONS).hash;
    expect(buildPlan([aDefinition({ name: 'new' })], anOrg(), { ...PLAN_OPTIONS, channels: channels() }).hash).toBe(before);
  });
});

describe('secrets due for rotation', () => {
  const dated = (at: string) => channels({ githubSecrets: { [gitHubSecretKey(target, REPO)]: at } });
  const rotating = aDefinition({ github_secret: target, secret_rotation_days: 90 });

  it('lists a secret older than its rotation period, outside the change set', () => {
    const result = plan(rotating, dated('2026-03-01T00:00:00Z'));
    expect(result.secretsDue).toEqual([
      { client: 'integration', id: 'live-1', rotationDays: 90, writtenAt: '2026-03-01T00:00:00Z', ageDays: 121 },
    ]);
    expect(hasChanges(result)).toBe(false);
  });

  it('lists nothing while the secret is younger than its period', () => {
    expect(plan(rotating, dated('2026-04-15T00:00:00Z')).secretsDue).toBeUndefined();
  });

  it("never lists the Action's own client as due: it never resets its own secret", () => {
    const own = aDefinition({ ...rotating, name: 'genesys-oauth-sync', roles: [{ role: 'admin', division: '*' }] });
    const result = buildPlan([own], anOrg(), { ...PLAN_OPTIONS, channels: dated('2026-01-01T00:00:00Z'), now: NOW });
    expect(result.problems).toEqual([]);
    expect(result.actions).toEqual([{ kind: 'noop', client: 'genesys-oauth-sync', id: 'self-id' }]);
    expect(result.secretsDue).toBeUndefined();
  });

  it('dates a secret by the oldest of its lasting channels', () => {
    const both = aDefinition({ github_secret: target, integration_credential_name: 'cred', secret_rotation_days: 90 });
    const state = { ...dated('2026-06-01T00:00:00Z'), credentials: { cred: { id: 'c1', modifiedDate: '2026-01-01T00:00:00Z' } } };
    expect(plan(both, state).secretsDue?.[0]?.writtenAt).toBe('2026-01-01T00:00:00Z');
  });
});
