import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseDefinitions } from '../../src/definitions/parse.js';

type Fields = Record<string, unknown>;

function anIntegration(overrides: Fields = {}): Fields {
  return { name: 'ci-deployer', authorized_grant_type: 'CLIENT-CREDENTIALS', roles: [{ role: 'Developer' }], ...overrides };
}

function parse(...clients: Fields[]) {
  return parseDefinitions([{ file: 'clients/ci.yaml', text: stringify({ clients }) }], {});
}

describe('github_secret and secret_rotation_days', () => {
  it('keeps a full github_secret and a rotation period', () => {
    const github_secret = { name: 'CI_SECRET', environment: 'production', repository: 'acme/web', client_id_variable: 'CI_ID' };
    const { definitions, problems } = parse(anIntegration({ github_secret, secret_rotation_days: 90 }));
    expect(problems).toEqual([]);
    expect(definitions[0]).toMatchObject({ github_secret, secret_rotation_days: 90 });
  });

  it('dates a rotation by an integration credential alone', () => {
    const { problems } = parse(anIntegration({ integration_credential_name: 'ci', secret_rotation_days: 30 }));
    expect(problems).toEqual([]);
  });

  it.each([
    { rule: 'not a mapping', github_secret: 'CI_SECRET', message: '`github_secret` must be a mapping' },
    { rule: 'name required', github_secret: { environment: 'prod' }, message: '`github_secret.name` is required' },
    { rule: 'name with a dash', github_secret: { name: 'CI-SECRET' }, message: '`github_secret.name` must be a GitHub secret name' },
    { rule: 'reserved prefix', github_secret: { name: 'github_token' }, message: 'not starting with a digit or `GITHUB_`' },
    { rule: 'leading digit', github_secret: { name: '1SECRET' }, message: '`github_secret.name` must be a GitHub secret name' },
    {
      rule: 'bad repository',
      github_secret: { name: 'S', repository: 'acme' },
      message: '`github_secret.repository` must be `owner/name`',
    },
    {
      rule: 'bad variable',
      github_secret: { name: 'S', client_id_variable: 'a b' },
      message: '`github_secret.client_id_variable` must be a GitHub variable name',
    },
    { rule: 'unknown key', github_secret: { name: 'S', enviroment: 'prod' }, message: 'did you mean `environment`?' },
  ])('refuses a github_secret with $rule, at its file, line and column', ({ github_secret, message }) => {
    const { problems, definitions } = parse(anIntegration({ github_secret }));
    expect(definitions).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      file: 'clients/ci.yaml',
      client: 'ci-deployer',
      line: expect.any(Number),
      column: expect.any(Number),
    });
    expect(problems[0]?.message).toContain(message);
  });

  it.each([0, 3651, 1.5, '90'])('refuses secret_rotation_days %j', (days) => {
    const { problems } = parse(anIntegration({ github_secret: { name: 'S' }, secret_rotation_days: days }));
    expect(problems.map((p) => p.message)).toEqual(['`secret_rotation_days` must be a whole number of days from 1 to 3650, such as `90`.']);
  });

  it('refuses a rotation period with no delivery that records time', () => {
    const { problems } = parse(anIntegration({ expose_client_secret: true, secret_rotation_days: 90 }));
    expect(problems.map((p) => p.message)).toEqual([
      '`secret_rotation_days` needs a delivery that records when the secret ' +
        'was written: add `github_secret` or `integration_credential_name`.',
    ]);
  });

  it('refuses two clients that deliver to the same GitHub secret, whatever the case of its name', () => {
    const { problems, definitions } = parse(
      anIntegration({ github_secret: { name: 'SHARED' } }),
      anIntegration({ name: 'other', github_secret: { name: 'shared' } }),
    );
    expect(definitions).toEqual([]);
    expect(problems).toHaveLength(2);
    expect(problems[0]?.message).toContain("each would overwrite the other's secret");
  });

  it('lets two environments of one repository hold secrets of the same name', () => {
    const { problems } = parse(
      anIntegration({ github_secret: { name: 'S', environment: 'staging' } }),
      anIntegration({ name: 'other', github_secret: { name: 'S', environment: 'production' } }),
    );
    expect(problems).toEqual([]);
  });
});

describe('github_secret: exact messages and edges', () => {
  const messages = (...clients: Fields[]) => parse(...clients).problems.map((problem) => problem.message);

  it('lists the keys of github_secret when an unknown key is close to none of them', () => {
    expect(messages(anIntegration({ github_secret: { name: 'S', colour: 'blue' } }))).toEqual([
      'Unknown key `colour` in `github_secret`. `github_secret` has `name`, `environment`, `repository`, `client_id_variable`.',
    ]);
  });

  it.each([
    {
      rule: 'an empty name',
      github_secret: { name: null },
      message: '`github_secret.name` must not be empty.',
    },
    {
      rule: 'a name that is not text',
      github_secret: { name: 5 },
      message: '`github_secret.name` must be text, not a number; put it in quotes.',
    },
    {
      rule: 'a secret name with a dash, with a secret name as the example',
      github_secret: { name: 'CI-SECRET' },
      message:
        '`github_secret.name` must be a GitHub secret name: letters, digits and `_`, not starting with a digit or `GITHUB_` ' +
        '(such as `WEB_APP_CLIENT_SECRET`).',
    },
    {
      rule: 'a variable name with a space, with a variable name as the example',
      github_secret: { name: 'S', client_id_variable: 'a b' },
      message:
        '`github_secret.client_id_variable` must be a GitHub variable name: letters, digits and `_`, not starting with a digit ' +
        'or `GITHUB_` (such as `WEB_APP_CLIENT_ID`).',
    },
    {
      rule: 'an environment name longer than GitHub allows',
      github_secret: { name: 'S', environment: 'e'.repeat(256) },
      message: '`github_secret.environment` must be an environment name of at most 255 characters on one line.',
    },
    {
      rule: 'an environment name with a control character',
      github_secret: { name: 'S', environment: 'prod\u0007' },
      message: '`github_secret.environment` must be an environment name of at most 255 characters on one line.',
    },
  ])('refuses $rule, in these words', ({ github_secret, message }) => {
    expect(messages(anIntegration({ github_secret }))).toEqual([message]);
  });

  it('keeps a trimmed secret name, a `GITHUB_` past its start, and no key for an empty environment', () => {
    const { problems, definitions } = parse(
      anIntegration({ github_secret: { name: ' MY_GITHUB_SECRET ', environment: null, repository: null } }),
    );
    expect(problems).toEqual([]);
    expect(definitions[0]?.github_secret).toStrictEqual({ name: 'MY_GITHUB_SECRET' });
  });

  it('accepts an environment name of exactly 255 characters', () => {
    const environment = 'e'.repeat(255);
    expect(parse(anIntegration({ github_secret: { name: 'S', environment } })).definitions[0]?.github_secret).toEqual({
      name: 'S',
      environment,
    });
  });

  it('does not report a shared secret for a github_secret that is refused anyway', () => {
    expect(
      messages(
        anIntegration({ github_secret: { name: 'SHARED', repository: 'acme' } }),
        anIntegration({ name: 'other', github_secret: { name: 'SHARED' } }),
      ),
    ).toEqual(['`github_secret.repository` must be `owner/name` of a GitHub repository, such as `acme/web-app`.']);
  });

  it.each([1, 3650])('accepts secret_rotation_days %j, a bound of the range', (days) => {
    const { problems, definitions } = parse(anIntegration({ github_secret: { name: 'S' }, secret_rotation_days: days }));
    expect(problems).toEqual([]);
    expect(definitions[0]?.secret_rotation_days).toBe(days);
  });
});
