import { describe, expect, it } from 'vitest';
import { gitHubSecretKey } from '../../src/core/github-secret-key.js';
import { buildPlan, hasChanges } from '../../src/core/plan.js';
import { actionKey, digestPlan } from '../../src/core/review.js';
import { findDueSecret } from '../../src/core/rotation.js';
import { deliveryOf, findMissingChannels, gitHubScopeKey, readChannelDates } from '../../src/core/secret-channels.js';
import type { SecretChannelState } from '../../src/core/types.js';
import { aDefinition, aLiveClient, anOrg, clientId, PLAN_OPTIONS } from '../helpers/builders.js';

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

describe('dating and finding channels, client by client', () => {
  const id = clientId('live-1');
  const rotating = aDefinition({ github_secret: target, integration_credential_name: 'cred', secret_rotation_days: 90 });
  const dated = (github: string, credential?: { id: string; modifiedDate?: string }) =>
    channels({ githubSecrets: { [gitHubSecretKey(target, REPO)]: github }, credentials: credential ? { cred: credential } : {} });

  it('is due on the day the period ends, not a day later', () => {
    const state = dated('2026-04-01T00:00:00Z');
    expect(findDueSecret(rotating, id, state, NOW)).toMatchObject({ ageDays: 90, rotationDays: 90 });
    expect(findDueSecret(rotating, id, state, new Date('2026-06-29T23:59:59Z'))).toBeUndefined();
  });

  it('knows nothing is due without channels read, without a time, or without a rotation period', () => {
    const state = dated('2026-01-01T00:00:00Z');
    expect(findDueSecret(rotating, id, undefined, NOW)).toBeUndefined();
    expect(findDueSecret(rotating, id, state, undefined)).toBeUndefined();
    expect(findDueSecret({ ...rotating, secret_rotation_days: undefined }, id, state, NOW)).toBeUndefined();
  });

  it('ages by the dated channels alone: a missing channel or a date that does not parse is left out', () => {
    const old = { id: 'c1', modifiedDate: '2026-01-01T00:00:00Z' };
    expect(findDueSecret(rotating, id, dated('not a date', old), NOW)?.writtenAt).toBe(old.modifiedDate);
    const missingGitHub = { ...channels({ credentials: { cred: old } }) };
    expect(findDueSecret(rotating, id, missingGitHub, NOW)?.writtenAt).toBe(old.modifiedDate);
    expect(findDueSecret(rotating, id, dated('2026-06-01T00:00:00Z', { id: 'c1' }), NOW)).toBeUndefined();
  });

  it('dates a credential without a modified date as existing but undated', () => {
    expect(readChannelDates(rotating, dated('2026-06-01T00:00:00Z', { id: 'c1' }))).toEqual({
      'github-secret': '2026-06-01T00:00:00Z',
      'integration-credential': '',
    });
  });

  it('reports a channel missing only when it is declared and its place was read', () => {
    expect(findMissingChannels(rotating, undefined)).toEqual([]);
    expect(findMissingChannels(rotating, channels())).toEqual(['github-secret']);
    expect(findMissingChannels(rotating, channels({ credentials: {} }))).toEqual(['github-secret', 'integration-credential']);
    expect(findMissingChannels(aDefinition(), channels({ credentials: {}, githubScopesRead: [] }))).toEqual([]);
  });

  it('hands over only the channels a definition declares', () => {
    expect(Object.keys(deliveryOf(aDefinition()))).toEqual(['expose_client_secret']);
    expect(Object.keys(deliveryOf(rotating))).toEqual(['expose_client_secret', 'integration_credential_name', 'github_secret']);
    const file = aDefinition({ directory_client_secret: 'secrets' });
    expect(Object.keys(deliveryOf(file))).toEqual(['expose_client_secret', 'directory_client_secret']);
  });

  it('keys a scope by repository, in any case, and environment; a secret key defaults to no repository', () => {
    expect(gitHubScopeKey({ name: 'A' }, 'Acme/Config')).toBe(gitHubScopeKey({ name: 'B', repository: 'acme/config' }, 'other/repo'));
    expect(gitHubScopeKey({ name: 'A', environment: 'prod' }, REPO)).not.toBe(gitHubScopeKey({ name: 'A' }, REPO));
    expect(gitHubScopeKey({ name: 'A' }, 'acme/one')).not.toBe(gitHubScopeKey({ name: 'A' }, 'acme/two'));
    expect(gitHubSecretKey({ name: 'a' })).toBe(gitHubSecretKey({ name: 'A', repository: '' }));
  });
});
