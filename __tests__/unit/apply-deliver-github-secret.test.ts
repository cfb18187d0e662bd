// Delivery to a GitHub Actions secret through a recording fake of the secrets client: where the secret and the
// client id go, and which failed writes are retried (GitHub's side, network) and which are not (refusals).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deliverToGitHubSecret, type GitHubSecretDelivery, scopeOf } from '../../src/apply/deliver-github-secret.js';
import type { GitHubSecretTarget } from '../../src/core/types.js';
import type { SecretScope } from '../../src/github/actions-secrets.js';
import { GitHubError } from '../../src/github/errors.js';

const SECRET = 'SENTINEL-client-secret-4d2f';
const CLIENT_ID = 'f3a1c2d4-client';

interface Write {
  kind: 'secret' | 'variable';
  scope: SecretScope;
  name: string;
  value: string;
}

/** Records every write; `failures` are thrown, one per attempt, before a write succeeds. */
function recordingSecrets(failures: { secret?: unknown[]; variable?: unknown[] } = {}) {
  const writes: Write[] = [];
  const attempts = { secret: 0, variable: 0 };
  const attempt = async (kind: Write['kind'], scope: SecretScope, name: string, value: string) => {
    attempts[kind] += 1;
    const failure = failures[kind]?.shift();
    if (failure !== undefined) throw failure;
    writes.push({ kind, scope, name, value });
  };
  return {
    writes,
    attempts,
    secrets: {
      writeSecret: (scope: SecretScope, name: string, value: string) => attempt('secret', scope, name, value),
      writeVariable: (scope: SecretScope, name: string, value: string) => attempt('variable', scope, name, value),
    },
  };
}

const gitHubFailure = (status: number | undefined) =>
  new GitHubError(`Could not write the Actions secret (GitHub ${status ?? 'network'})`, { status, resource: 'secrets' });

function deliveryWith(secrets: GitHubSecretDelivery['secrets'], sleeps: number[] = []): GitHubSecretDelivery {
  return {
    secrets,
    defaultRepository: 'acme/genesys-config',
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  };
}

describe('scopeOf', () => {
  it('puts the secret in the repository the Action runs in when the target names none', () => {
    expect(scopeOf({ name: 'WEB_SECRET' }, 'acme/genesys-config')).toEqual({ owner: 'acme', repo: 'genesys-config' });
  });

  it('puts the secret in the repository the target names, in its environment', () => {
    expect(scopeOf({ name: 'WEB_SECRET', repository: 'acme/web-app', environment: 'production' }, 'acme/genesys-config')).toEqual({
      owner: 'acme',
      repo: 'web-app',
      environment: 'production',
    });
  });

  it('invents no repository name when the repository has no slash', () => {
    expect(scopeOf({ name: 'WEB_SECRET', repository: 'acme' }, 'acme/genesys-config')).toEqual({ owner: 'acme', repo: '' });
  });
});

describe('deliverToGitHubSecret', () => {
  it('writes the secret to the target repository and environment, and the client id to the asked-for variable there', async () => {
    const fake = recordingSecrets();
    const target: GitHubSecretTarget = {
      name: 'WEB_SECRET',
      repository: 'acme/web-app',
      environment: 'production',
      client_id_variable: 'WEB_CLIENT_ID',
    };

    await deliverToGitHubSecret(target, CLIENT_ID, SECRET, deliveryWith(fake.secrets));

    const production = { owner: 'acme', repo: 'web-app', environment: 'production' };
    expect(fake.writes).toEqual([
      { kind: 'secret', scope: production, name: 'WEB_SECRET', value: SECRET },
      { kind: 'variable', scope: production, name: 'WEB_CLIENT_ID', value: CLIENT_ID },
    ]);
  });

  it('writes no variable when the target asks for none', async () => {
    const fake = recordingSecrets();

    await deliverToGitHubSecret({ name: 'WEB_SECRET' }, CLIENT_ID, SECRET, deliveryWith(fake.secrets));

    expect(fake.writes).toEqual([{ kind: 'secret', scope: { owner: 'acme', repo: 'genesys-config' }, name: 'WEB_SECRET', value: SECRET }]);
    expect(fake.attempts.variable).toBe(0);
  });

  it.each([
    { failure: 'a network failure', error: gitHubFailure(undefined) },
    { failure: 'GitHub 500', error: gitHubFailure(500) },
    { failure: 'GitHub 503', error: gitHubFailure(503) },
  ])('retries a secret write that failed with $failure, backing off 500 ms then 1 s', async ({ error }) => {
    const fake = recordingSecrets({ secret: [error, error] });
    const sleeps: number[] = [];

    await deliverToGitHubSecret({ name: 'WEB_SECRET' }, CLIENT_ID, SECRET, deliveryWith(fake.secrets, sleeps));

    expect(fake.attempts.secret).toBe(3);
    expect(fake.writes.map((write) => write.name)).toEqual(['WEB_SECRET']);
    expect(sleeps).toEqual([500, 1000]);
  });

  it('retries a variable write that failed on GitHub’s side', async () => {
    const fake = recordingSecrets({ variable: [gitHubFailure(502)] });
    const sleeps: number[] = [];

    await deliverToGitHubSecret({ name: 'S', client_id_variable: 'V' }, CLIENT_ID, SECRET, deliveryWith(fake.secrets, sleeps));

    expect(fake.writes.map((write) => `${write.kind}:${write.name}`)).toEqual(['secret:S', 'variable:V']);
    expect(sleeps).toEqual([500]);
  });

  it('gives up after three attempts and throws the last failure', async () => {
    const last = gitHubFailure(503);
    const fake = recordingSecrets({ secret: [gitHubFailure(500), gitHubFailure(502), last] });
    const sleeps: number[] = [];

    await expect(deliverToGitHubSecret({ name: 'WEB_SECRET' }, CLIENT_ID, SECRET, deliveryWith(fake.secrets, sleeps))).rejects.toBe(last);

    expect(fake.attempts.secret).toBe(3);
    expect(fake.writes).toEqual([]);
    expect(sleeps).toEqual([500, 1000]);
  });

  it.each([
    { failure: 'GitHub 403', error: gitHubFailure(403) },
    { failure: 'GitHub 404', error: gitHubFailure(404) },
    { failure: 'GitHub 499', error: gitHubFailure(499) },
    { failure: 'a status that is not a number', error: Object.assign(new Error('odd failure'), { status: '503' }) },
  ])('does not retry a refusal ($failure): it throws it at once', async ({ error }) => {
    const fake = recordingSecrets({ secret: [error] });
    const sleeps: number[] = [];

    await expect(deliverToGitHubSecret({ name: 'WEB_SECRET' }, CLIENT_ID, SECRET, deliveryWith(fake.secrets, sleeps))).rejects.toBe(error);

    expect(fake.attempts.secret).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('writes no variable when the secret could not be written', async () => {
    const fake = recordingSecrets({ secret: [gitHubFailure(403)] });

    await expect(
      deliverToGitHubSecret({ name: 'S', client_id_variable: 'V' }, CLIENT_ID, SECRET, deliveryWith(fake.secrets)),
    ).rejects.toThrow();

    expect(fake.attempts.variable).toBe(0);
  });

  describe('without an injected sleep', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('waits 500 ms on the timer before the second attempt', async () => {
      vi.useFakeTimers();
      const fake = recordingSecrets({ secret: [gitHubFailure(502)] });
      let settled = false;
      const delivered = deliverToGitHubSecret({ name: 'WEB_SECRET' }, CLIENT_ID, SECRET, {
        secrets: fake.secrets,
        defaultRepository: 'acme/genesys-config',
      }).then(() => {
        settled = true;
      });

      await vi.advanceTimersByTimeAsync(499);
      expect(fake.attempts.secret).toBe(1);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      await delivered;
      expect(fake.attempts.secret).toBe(2);
      expect(fake.writes.map((write) => write.name)).toEqual(['WEB_SECRET']);
    });
  });
});
