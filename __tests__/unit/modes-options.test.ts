import { describe, expect, it } from 'vitest';
import { readInputs } from '../../src/action/inputs.js';
import { GenesysApiError } from '../../src/genesys/api-error.js';
import { toLiveClient } from '../../src/genesys/mapping.js';
import { GitHubError } from '../../src/github/errors.js';
import { describeFailure } from '../../src/modes/failure.js';
import {
  buildOptions,
  ConfigError,
  InputError,
  parseVariables,
  readReadBackSeconds,
  readStaleAfterDays,
  requireCredentials,
  requireQuietNetwork,
} from '../../src/modes/options.js';

/** The error `run` throws, so its class, name and whole message can be pinned at once. */
function thrown(run: () => unknown): { type: string; name: string; message: string } {
  try {
    run();
  } catch (error) {
    return { type: (error as Error).constructor.name, name: (error as Error).name, message: (error as Error).message };
  }
  throw new Error('nothing was thrown');
}

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

  it('fills in every default when nothing is given: the default folder, region, label, 30 s read-back, 90 stale days', () => {
    expect(buildOptions('cli', {}, {}, '/repo')).toEqual({
      shell: 'cli',
      mode: 'auto',
      path: 'genesys/oauth-clients',
      workspace: '/repo',
      genesys: { clientId: undefined, clientSecret: undefined, region: 'us-east-1', apiUrl: undefined },
      githubToken: undefined,
      label: 'us-east-1/genesys/oauth-clients',
      labelDerived: true,
      comment: 'on-change',
      prune: false,
      ignore: [],
      autoApprove: false,
      failOnDrift: true,
      driftIssue: true,
      staleAfterDays: 90,
      reviewKey: undefined,
      driftPr: false,
      variables: {},
      readBackSeconds: 30,
      rotate: [],
    });
  });

  it('keeps the given numbers, trims rotate patterns and drops blank ones, and reads Windows paths with trailing slashes', () => {
    const options = buildOptions(
      'action',
      { path: 'org\\defs//', staleAfterDays: 7, readBackSeconds: 5, rotate: [' ci-* ', '  ', 'deploy'] },
      {},
      '/repo',
    );
    expect(options).toMatchObject({ path: 'org/defs', label: 'us-east-1/org/defs', staleAfterDays: 7, readBackSeconds: 5 });
    expect(options.rotate).toEqual(['ci-*', 'deploy']);
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

  it.each([
    ['no client id', { clientSecret: 's' }, 'No Genesys Cloud client id: set env `GENESYSCLOUD_OAUTHCLIENT_ID` (the secret is set).'],
    ['no client secret', { clientId: 'i' }, 'No Genesys Cloud client secret: set env `GENESYSCLOUD_OAUTHCLIENT_SECRET` (the id is set).'],
  ])('at a terminal, refuses %s naming the one environment variable to set', (_what, genesys, message) => {
    expect(thrown(() => requireCredentials({ shell: 'cli', genesys: { ...genesys, region: 'us-east-1' } }, {}))).toEqual({
      type: 'ConfigError',
      name: 'ConfigError',
      message,
    });
  });

  it('at a terminal, refuses an unknown region naming the --region and --api-url flags and their variables', () => {
    const { message } = thrown(() => requireCredentials({ shell: 'cli', genesys: { ...complete, region: 'mars-1' } }, {}));
    expect(message).toContain('Unknown Genesys Cloud region `mars-1` (`--region` or env `GENESYSCLOUD_REGION`).');
    expect(message).toContain('or set `--api-url` or env `GENESYSCLOUD_API_URL` for a gateway.');
  });

  it('refuses a NODE_DEBUG that prints requests before checking anything else, listing the modules it prints', () => {
    const env = { NODE_DEBUG: 'fs, HTTP*,net,tls , undici,fetch' };
    expect(thrown(() => requireCredentials({ shell: 'cli', genesys: complete }, env))).toEqual({
      type: 'ConfigError',
      name: 'ConfigError',
      message:
        '`NODE_DEBUG` (`fs, HTTP*,net,tls , undici,fetch`) makes Node print every request with its headers ' +
        '(http, https, http2, net, tls, undici, fetch), so the client secret and the access tokens would reach the log. ' +
        'Nothing was sent to Genesys: remove those names from `NODE_DEBUG` (or unset it) and run again.',
    });
  });

  it.each([
    ['unset', undefined],
    ['empty', ''],
    ['other modules and empty entries', 'fs,, module ,'],
  ])('lets a NODE_DEBUG that prints no request through: %s', (_what, nodeDebug) => {
    expect(() => requireQuietNetwork({ NODE_DEBUG: nodeDebug })).not.toThrow();
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

  it('skips indented comments and whitespace-only lines', () => {
    expect({ ...parseVariables('cli', ['  # note = here', ' \t ', ' A=1 ']) }).toEqual({ A: '1' });
  });

  it('refuses a line with no name before its = with an InputError that explains the format', () => {
    expect(thrown(() => parseVariables('cli', ['A=1', '=x']))).toEqual({
      type: 'InputError',
      name: 'InputError',
      message: '--var (value 2) must be `KEY=value`, with a name of letters, digits and `_` that does not start with a digit.',
    });
  });

  it.each([
    ['action', 'NO_EQUALS_SIGN', 'Input `variables` (line 1) must be `KEY=value`'],
    ['cli', '1BAD=value', '--var (value 1) must be `KEY=value`'],
  ] as const)('refuses a malformed %s line without echoing it', (shell, line, message) => {
    expect(() => parseVariables(shell, [line])).toThrow(message);
    expect(() => parseVariables(shell, [line])).not.toThrow(line);
  });
});

describe('readStaleAfterDays', () => {
  it.each([
    [undefined, undefined],
    ['  ', undefined],
    [' 0 ', 0],
    ['365', 365],
  ])('reads %j as %j', (text, days) => {
    expect(readStaleAfterDays('action', text)).toBe(days);
  });

  it.each([
    ['action', ' 1.5 ', 'Input `stale-after-days` must be a whole number of days (`0` turns the listing off), not ` 1.5 `.'],
    ['cli', 'ninety', '--stale-after-days must be a whole number of days (`0` turns the listing off), not `ninety`.'],
  ] as const)('refuses anything but whole days, naming the %s option', (shell, text, message) => {
    expect(thrown(() => readStaleAfterDays(shell, text))).toEqual({ type: 'InputError', name: 'InputError', message });
  });
});

describe('readReadBackSeconds', () => {
  it.each([
    [undefined, undefined],
    ['  ', undefined],
    [' 0 ', 0],
    ['7', 7],
    ['9999', 9999],
  ])('reads %j as %j', (text, seconds) => {
    expect(readReadBackSeconds('cli', text)).toBe(seconds);
  });

  it.each([
    ['action', '10000', 'Input `read-back-seconds` must be a whole number of seconds from 0 to 9999, not `10000`.'],
    ['cli', '12s', '--read-back-seconds must be a whole number of seconds from 0 to 9999, not `12s`.'],
  ] as const)('refuses anything but whole seconds up to 9999, naming the %s option', (shell, text, message) => {
    expect(thrown(() => readReadBackSeconds(shell, text))).toEqual({ type: 'InputError', name: 'InputError', message });
  });

  it.each(['-5', 'x12', '1.5'])('refuses %j', (text) => {
    expect(() => readReadBackSeconds('cli', text)).toThrow(InputError);
  });
});
