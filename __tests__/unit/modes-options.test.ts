import { describe, expect, it } from 'vitest';
import { readInputs } from '../../src/action/inputs.js';
import { GenesysApiError } from '../../src/genesys/api-error.js';
import { toLiveClient } from '../../src/genesys/mapping.js';
import { GitHubError } from '../../src/github/errors.js';
import { describeFailure } from '../../src/modes/failure.js';
import { buildOptions, ConfigError, InputError, parseVariables, requireCredentials } from '../../src/modes/options.js';

describe('buildOptions', () => {
  it('gives the CLI the same trimmed environment fallbacks and path normalisation as the Action', () => {
    const env = {
      GENESYSCLOUD_OAUTHCLIENT_ID: ' id-from-env ',
      GENESYSCLOUD_OAUTHCLIENT_SECRET: 'secret-from-env\n',
      GENESYSCLOUD_REGION: ' eu-west-1 ',
      GENESYSCLOUD_API_URL: '  ',
    };
    const fromFlags = buildOptions('cli', { path: './defs/', ignore: [' legacy-* ', ''] }, env, '/repo');
    const fromInputs = readInputs({ ...env, INPUT_PATH: './defs/', INPUT_IGNORE: ' legacy-* \n', GITHUB_WORKSPACE: '/repo' }, '/cwd');
    const { shell: _cli, ...cli } = fromFlags;
    const { shell: _action, ...action } = fromInputs;
    expect(cli).toEqual(action);
    expect(cli).toMatchObject({
      path: 'defs',
      genesys: { clientId: 'id-from-env', clientSecret: 'secret-from-env', region: 'eu-west-1', apiUrl: undefined },
      label: 'eu-west-1/defs',
      ignore: ['legacy-*'],
    });
  });

  it.each([
    ['action', 'Input `genesys-api-url` must be a full URL'],
    ['cli', '--api-url (or GENESYSCLOUD_API_URL) must be a full URL'],
  ] as const)('refuses an API URL that is not a URL, naming the %s option', (shell, message) => {
    expect(() => buildOptions(shell, { apiUrl: 'not a url' }, {}, '/')).toThrow(InputError);
    expect(() => buildOptions(shell, { apiUrl: 'not a url' }, {}, '/')).toThrow(message);
  });
});

describe('requireCredentials', () => {
  const complete = { clientId: 'id', clientSecret: 'secret', region: 'us-east-1' };

  it.each([
    ['no credentials', { ...complete, clientId: undefined, clientSecret: '' }, 'No Genesys Cloud credentials'],
    ['no client id', { ...complete, clientId: undefined }, 'No Genesys Cloud client id: set input `genesys-client-id`'],
    ['no client secret', { ...complete, clientSecret: '' }, 'No Genesys Cloud client secret: set input `genesys-client-secret`'],
    ['an unknown region', { ...complete, region: 'mars-1' }, 'Unknown Genesys Cloud region `mars-1`'],
    ['an API URL that is not http', { ...complete, apiUrl: 'ftp://api.example' }, 'must start with `https://` or `http://`'],
  ])('refuses %s with a ConfigError that says what to set', (_what, genesys, message) => {
    expect(() => requireCredentials({ shell: 'action', genesys }, {})).toThrow(ConfigError);
    expect(() => requireCredentials({ shell: 'action', genesys }, {})).toThrow(message);
  });

  it('names the environment variables, not the inputs, at a terminal', () => {
    expect(() => requireCredentials({ shell: 'cli', genesys: { region: 'us-east-1' } }, {})).toThrow(
      'Set GENESYSCLOUD_OAUTHCLIENT_ID and GENESYSCLOUD_OAUTHCLIENT_SECRET',
    );
  });

  it('passes complete settings through, the API URL taking the place of the region', () => {
    expect(requireCredentials({ shell: 'cli', genesys: complete }, {})).toEqual(complete);
    const gateway = { ...complete, region: 'mars-1', apiUrl: 'http://127.0.0.1:9000' };
    expect(requireCredentials({ shell: 'cli', genesys: gateway }, {})).toEqual(gateway);
  });
});

describe('describeFailure', () => {
  it.each([
    ['a configuration mistake', new ConfigError('No Genesys Cloud credentials.'), 'plan', 'auth-failed'],
    ['rejected credentials', new GenesysApiError({ status: 401, code: 'invalid_client', message: 'no' }), 'check', 'auth-failed'],
    ['an invalid input', new InputError('Input `prune` must be `true` or `false`.'), 'apply', 'validation-failed'],
    ['a GitHub outage during apply', new GitHubError('down', { status: 502, resource: 'pulls' }), 'apply', 'not-reviewed'],
    ['a Genesys outage while planning', new GenesysApiError({ status: 503, message: 'down' }), 'plan', 'plan-failed'],
    ['a Genesys outage during export', new GenesysApiError({ status: 503, message: 'down' }), 'export', 'plan-failed'],
    ['anything else during apply', new Error('boom'), 'apply', 'apply-failed'],
  ] as const)('classifies %s the same for both shells', (_what, error, mode, reason) => {
    expect(describeFailure(error, mode, []).reason).toBe(reason);
  });

  it('redacts the secrets it knows of', () => {
    expect(describeFailure(new Error('token s3cr3t-value leaked'), 'plan', ['s3cr3t-value']).message).not.toContain('s3cr3t-value');
  });
});

describe('genesys/ throws only GenesysApiError', () => {
  it('for an OAuth client Genesys returned without an id', () => {
    expect(() => toLiveClient({ name: 'nameless' } as Parameters<typeof toLiveClient>[0])).toThrow(GenesysApiError);
  });
});

describe('parseVariables', () => {
  it('reads KEY=value lines, skipping blank lines and comments, keeping = in values and names like __proto__', () => {
    const variables = parseVariables('action', ['# per org', 'APP_BASE_URL = https://x.example/?a=b', '', '__proto__=plain']);
    expect(Object.entries(variables)).toEqual([
      ['APP_BASE_URL', 'https://x.example/?a=b'],
      ['__proto__', 'plain'],
    ]);
    expect(Object.getPrototypeOf(variables)).toBeNull();
  });

  it.each([
    ['action', 'NO_EQUALS_SIGN', 'Input `variables` (line 1) must be `KEY=value`'],
    ['cli', '1BAD=value', '--var (value 1) must be `KEY=value`'],
  ] as const)('refuses a malformed %s line without echoing it', (shell, line, message) => {
    expect(() => parseVariables(shell, [line])).toThrow(message);
    expect(() => parseVariables(shell, [line])).not.toThrow(line);
  });
});
