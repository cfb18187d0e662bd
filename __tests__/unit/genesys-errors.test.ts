import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseRetryAfter, toGenesysApiError, toLoginError } from '../../src/genesys/errors.js';
import { HttpFailure } from '../../src/genesys/http.js';
import { GenesysApiError } from '../../src/genesys/api-error.js';

// http.ts loads the SDK, which reads ~/.genesyscloudjavascript/config on load.

const SENTINEL_TOKEN = 'SENTINEL-token-91c2';
const SENTINEL_SECRET = 'SENTINEL-secret-44ab';
const updating = { what: 'updating `ci-deployer`', permission: 'oauth:client:edit' };

/** An AxiosError as the SDK leaks it: config and request carry the Authorization header. */
function anAxiosError(response?: { status: number; data: unknown; headers?: Record<string, string> }, code?: string) {
  const error = new Error(response ? `Request failed with status code ${response.status}` : 'connect ECONNREFUSED 127.0.0.1:1') as Error &
    Record<string, unknown>;
  error.isAxiosError = true;
  error.code = code ?? (response ? 'ERR_BAD_REQUEST' : 'ECONNREFUSED');
  error.config = { headers: { Authorization: `Bearer ${SENTINEL_TOKEN}` }, data: `{"secret":"${SENTINEL_SECRET}"}` };
  error.request = { _header: `Authorization: Bearer ${SENTINEL_TOKEN}` };
  if (response)
    error.response = {
      status: response.status,
      statusText: '',
      headers: response.headers ?? {},
      data: response.data,
      config: error.config,
    };
  return error;
}

describe('toGenesysApiError', () => {
  it.each([
    {
      shape: 'a bare ErrorBody',
      rejection: { status: 400, code: 'bad.request', message: 'Name is required', contextId: 'ctx-1' },
      expected: { status: 400, code: 'bad.request', correlationId: 'ctx-1' },
      message: 'Genesys rejected updating `ci-deployer`: 400 bad.request "Name is required" (correlation id ctx-1).',
    },
    {
      shape: 'an extended-response wrapper',
      rejection: {
        status: 409,
        statusText: 'Conflict',
        headers: { 'inin-correlation-id': 'corr-9' },
        body: { status: 409, code: 'conflict', message: 'Changed meanwhile', contextId: 'ctx-ignored' },
        text: undefined,
        error: anAxiosError({ status: 409, data: {} }),
      },
      expected: { status: 409, code: 'conflict', correlationId: 'corr-9' },
      message: 'Genesys rejected updating `ci-deployer`: 409 conflict "Changed meanwhile" (correlation id corr-9).',
    },
    {
      shape: 'a wrapper with an empty body',
      rejection: { status: 502, statusText: '', headers: {}, body: '', text: undefined, error: null },
      expected: { status: 502, code: undefined, correlationId: undefined },
      message: /^Genesys rejected updating `ci-deployer`: 502\. This is a Genesys server error/,
    },
    {
      shape: 'a plain-text body',
      rejection: { status: 503, headers: {}, body: 'upstream down', error: null },
      expected: { status: 503 },
      message: /503 "upstream down"/,
    },
    {
      shape: 'undefined',
      rejection: undefined,
      expected: { status: undefined, code: undefined },
      message: 'Genesys call failed while updating `ci-deployer`: no details were given.',
    },
    {
      shape: 'a thrown string',
      rejection: 'Missing the required parameter "clientId" when calling putOauthClient',
      expected: { status: undefined },
      message: 'Genesys call failed while updating `ci-deployer`: Missing the required parameter "clientId" when calling putOauthClient.',
    },
    {
      shape: 'a raw AxiosError with a response',
      rejection: anAxiosError({ status: 404, data: { code: 'not.found', message: 'nope', contextId: 'c-404' } }),
      expected: { status: 404, code: 'not.found', correlationId: 'c-404' },
      message: /404 not\.found "nope" \(correlation id c-404\)/,
    },
    {
      shape: 'a network AxiosError',
      rejection: anAxiosError(undefined, 'ECONNREFUSED'),
      expected: { status: undefined, code: 'ECONNREFUSED' },
      message: 'Could not reach Genesys while updating `ci-deployer` (ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:1).',
    },
    {
      shape: 'a transport timeout',
      rejection: new HttpFailure('timeout of 30000ms exceeded', 'ECONNABORTED', undefined),
      expected: { status: undefined, code: 'ECONNABORTED' },
      message: 'Genesys did not answer in time while updating `ci-deployer` (ECONNABORTED: timeout of 30000ms exceeded).',
    },
  ])('reads $shape', ({ rejection, expected, message }) => {
    const error = toGenesysApiError(rejection, updating);
    expect(error).toBeInstanceOf(GenesysApiError);
    expect(error).toMatchObject(expected);
    if (typeof message === 'string') expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
    for (const text of [error.message, JSON.stringify(error), inspect(error, { depth: 10 })]) {
      expect(text).not.toContain(SENTINEL_TOKEN);
      expect(text).not.toContain(SENTINEL_SECRET);
    }
  });

  it('reads Retry-After from a 429', () => {
    const error = toGenesysApiError(
      { status: 429, headers: { 'Retry-After': '17' }, body: { code: 'too.many.requests', message: 'slow down' }, error: null },
      updating,
    );
    expect(error).toMatchObject({ status: 429, retryAfterSeconds: 17 });
    expect(error.message).toContain('Retry-After 17 s');
  });

  it('names the permission a 403 body mentions', () => {
    const error = toGenesysApiError(
      {
        status: 403,
        code: 'missing.permissions',
        message: 'Unable to perform the requested action. You are missing the following permission(s): oauth:client:add',
      },
      { what: 'creating `x`' },
    );
    expect(error.message).toContain("The Action's OAuth client lacks the permission `oauth:client:add`");
  });

  it('falls back to the permission the call needs when a 403 body names none', () => {
    const error = toGenesysApiError({ status: 403, code: 'not.authorized', message: 'Not authorized' }, updating);
    expect(error.message).toContain('probably lacks the permission `oauth:client:edit`');
  });

  it('scrubs secrets the server echoes back', () => {
    const redact = (text: string) => text.split(SENTINEL_SECRET).join('***');
    const error = toGenesysApiError({ status: 400, code: 'bad.request', message: `bad value ${SENTINEL_SECRET}` }, updating, redact);
    expect(error.message).not.toContain(SENTINEL_SECRET);
    expect(error.message).toContain('bad value ***');
  });

  it('clips a long server message to 300 characters, after redacting it whole', () => {
    const redact = (text: string) => text.split(SENTINEL_SECRET).join('***');
    const long = `${'x'.repeat(297)}${SENTINEL_SECRET}${'y'.repeat(100)}`;
    const error = toGenesysApiError({ status: 400, code: 'bad.request', message: long }, updating, redact);
    expect(error.message).toContain(`${'x'.repeat(297)}**…`);
    expect(error.message).not.toContain('SENTINEL');
  });

  it('passes a GenesysApiError through unchanged', () => {
    const original = new GenesysApiError({ status: 418, message: 'teapot' });
    expect(toGenesysApiError(original, updating)).toBe(original);
  });
});

describe('toLoginError', () => {
  const login = { clientId: 'my-client', origin: 'https://login.mypurecloud.ie' };

  it('explains invalid_client, naming both credentials and where they are set', () => {
    const error = toLoginError(
      anAxiosError({
        status: 401,
        data: { error: 'invalid_client', description: 'authentication failed', error_description: 'authentication failed' },
      }),
      login,
    );
    expect(error).toMatchObject({ status: 401, code: 'invalid_client', isAuthFailure: true });
    expect(error.message).toBe(
      'Genesys refused to log in OAuth client `my-client` (401 invalid_client: "authentication failed"). ' +
        'The client id or the client secret is wrong: check the client id (input `genesys-client-id` or env ' +
        '`GENESYSCLOUD_OAUTHCLIENT_ID`) and the secret (input `genesys-client-secret` or env `GENESYSCLOUD_OAUTHCLIENT_SECRET`), ' +
        'and that the client belongs to the org that logs in at https://login.mypurecloud.ie.',
    );
    expect(inspect(error, { depth: 10 })).not.toContain(SENTINEL_TOKEN);
  });

  it('blames the secret when Genesys says the secret is wrong', () => {
    const error = toLoginError(
      new HttpFailure('x', undefined, {
        status: 400,
        headers: {},
        data: { error: 'invalid_client', error_description: 'Bad client secret' },
      }),
      login,
    );
    expect(error.message).toContain(
      'The client secret is wrong: check input `genesys-client-secret` or env `GENESYSCLOUD_OAUTHCLIENT_SECRET`.',
    );
  });

  it('blames the client id when Genesys does not know the client', () => {
    const error = toLoginError(
      new HttpFailure('x', undefined, {
        status: 400,
        headers: {},
        data: { error: 'invalid_client', error_description: 'client not found' },
      }),
      login,
    );
    expect(error.message).toContain(
      'No such client in the org that logs in at https://login.mypurecloud.ie: check the client id (input `genesys-client-id`',
    );
  });

  it('says a client of another grant type cannot log in', () => {
    const error = toLoginError(
      new HttpFailure('x', undefined, { status: 400, headers: {}, data: { error: 'unauthorized_client' } }),
      login,
    );
    expect(error).toMatchObject({ code: 'unauthorized_client', isAuthFailure: true });
    expect(error.message).toContain('must use the Client Credentials grant');
  });

  it('points at the region or URL when the login host cannot be reached', () => {
    const error = toLoginError(new HttpFailure('getaddrinfo ENOTFOUND login.example', 'ENOTFOUND', undefined), login);
    expect(error.message).toContain('Could not reach Genesys while logging in to the Genesys login at https://login.mypurecloud.ie');
    expect(error.message).toContain('`genesys-region`');
    expect(error.isAuthFailure).toBe(false);
  });
});

describe('parseRetryAfter', () => {
  it.each([
    ['5', 5],
    [' 2.5 ', 3],
    ['0', 0],
    ['', undefined],
    ['soon', undefined],
    [undefined, undefined],
    ['Thu, 01 Jan 1970 00:00:10 GMT', 10],
  ])('reads %j as %j seconds', (value, seconds) => {
    expect(parseRetryAfter(value, 0)).toBe(seconds);
  });
});
