import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { header, parseRetryAfter, toGenesysApiError, toLoginError } from '../../src/genesys/errors.js';
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
    expect(error.message).toBe(
      'Genesys rejected updating `ci-deployer`: 429 too.many.requests "slow down". The org\'s rate limit was hit (Retry-After 17 s); ' +
        'run again later.',
    );
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
    expect(error.message).toBe(
      'Genesys rejected creating `x`: 403 missing.permissions "Unable to perform the requested action. You are missing the following ' +
        'permission(s): oauth:client:add". ' +
        "The Action's OAuth client lacks the permission `oauth:client:add`: add it to one of the client's roles.",
    );
  });

  it('falls back to the permission the call needs when a 403 body names none', () => {
    const error = toGenesysApiError({ status: 403, code: 'not.authorized', message: 'Not authorized' }, updating);
    expect(error.message).toBe(
      'Genesys rejected updating `ci-deployer`: 403 not.authorized "Not authorized". ' +
        "The Action's OAuth client probably lacks the permission `oauth:client:edit`: add it to one of the client's roles.",
    );
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

describe('toGenesysApiError, per answer: the exact error an admin reads', () => {
  const serverError = ' This is a Genesys server error; run again later, and quote the correlation id to Genesys support if it persists.';
  const nothing = { status: undefined, code: undefined, correlationId: undefined, retryAfterSeconds: undefined };

  it.each([
    {
      shape: 'a 429 without Retry-After',
      rejection: { status: 429, headers: {}, body: { code: 'too.many.requests', message: 'Rate limit exceeded' }, error: null },
      fields: { ...nothing, status: 429, code: 'too.many.requests' },
      message:
        'Genesys rejected updating `ci-deployer`: 429 too.many.requests "Rate limit exceeded". ' +
        "The org's rate limit was hit; run again later.",
    },
    {
      shape: 'a 403 with a plain-text body, for a call that names no permission',
      rejection: { status: 403, headers: {}, body: 'Forbidden', error: null },
      operation: { what: 'reading the org' },
      fields: { ...nothing, status: 403 },
      message:
        'Genesys rejected reading the org: 403 "Forbidden". ' +
        "The Action's OAuth client lacks a permission: check the roles granted to it.",
    },
    {
      shape: 'a 403 naming permissions in its message, its messageWithParams and its messageParams',
      rejection: {
        status: 403,
        code: 'missing.permissions',
        message: 'You are missing the following permission(s): oauth:client:view',
        messageWithParams: 'You are missing {perms} and authorization:role:view',
        messageParams: { perms: ['oauth:client:add', 3], division: 'directory:division:view', count: 2 },
      },
      fields: { ...nothing, status: 403, code: 'missing.permissions' },
      message:
        'Genesys rejected updating `ci-deployer`: 403 missing.permissions "You are missing the following permission(s): ' +
        'oauth:client:view". The Action\'s OAuth client lacks the permission `authorization:role:view`, `directory:division:view`, ' +
        "`oauth:client:add`, `oauth:client:view`: add it to one of the client's roles.",
    },
    {
      shape: 'a 403 whose messageParams is null',
      rejection: { status: 403, code: 'missing.permissions', message: 'Missing oauth:client:add', messageParams: null },
      fields: { ...nothing, status: 403, code: 'missing.permissions' },
      message:
        'Genesys rejected updating `ci-deployer`: 403 missing.permissions "Missing oauth:client:add". ' +
        "The Action's OAuth client lacks the permission `oauth:client:add`: add it to one of the client's roles.",
    },
    {
      shape: 'null',
      rejection: null,
      fields: nothing,
      message: 'Genesys call failed while updating `ci-deployer`: no details were given.',
    },
    {
      shape: 'an empty string',
      rejection: '',
      fields: nothing,
      message: 'Genesys call failed while updating `ci-deployer`: no details were given.',
    },
    {
      shape: 'a thrown number',
      rejection: 42,
      fields: nothing,
      message: 'Genesys call failed while updating `ci-deployer`: 42.',
    },
    {
      shape: 'a proxy body with a textual status and its own headers and body fields',
      rejection: { status: 'error', headers: { 'inin-correlation-id': 'c-proxy' }, body: 'Gateway said no', message: 'Request blocked' },
      fields: nothing,
      message: 'Genesys call failed while updating `ci-deployer`: Request blocked.',
    },
    {
      shape: 'a plain object carrying an HTTP response',
      rejection: { response: { status: 404, headers: {}, data: { code: 'not.found', message: 'nope' } } },
      fields: { ...nothing, status: 404, code: 'not.found' },
      message: 'Genesys rejected updating `ci-deployer`: 404 not.found "nope".',
    },
    {
      shape: 'a plain axios network error without a message',
      rejection: { isAxiosError: true, code: 'ECONNRESET' },
      fields: { ...nothing, code: 'ECONNRESET' },
      message: 'Could not reach Genesys while updating `ci-deployer` (ECONNRESET).',
    },
    {
      shape: 'a transport timeout without a message',
      rejection: new HttpFailure('', 'ETIMEDOUT', undefined),
      fields: { ...nothing, code: 'ETIMEDOUT' },
      message: 'Genesys did not answer in time while updating `ci-deployer` (ETIMEDOUT).',
    },
    {
      shape: 'an error whose response has no status',
      rejection: new HttpFailure('socket hang up', 'ECONNRESET', { headers: {}, data: { message: 'partial' } } as never),
      fields: { ...nothing, code: 'ECONNRESET' },
      message: 'Could not reach Genesys while updating `ci-deployer` (ECONNRESET: socket hang up).',
    },
    {
      shape: 'an error with an empty message and no code',
      rejection: new Error(''),
      fields: nothing,
      message: 'Genesys call failed while updating `ci-deployer`: no details were given.',
    },
    {
      shape: 'an axios error whose code and message are not text',
      rejection: { isAxiosError: true, code: 7, message: 7 },
      fields: nothing,
      message: 'Genesys call failed while updating `ci-deployer`: no details were given.',
    },
    {
      shape: 'a wrapper with a null body',
      rejection: { status: 500, headers: {}, body: null, error: null },
      fields: { ...nothing, status: 500 },
      message: `Genesys rejected updating \`ci-deployer\`: 500.${serverError}`,
    },
    {
      shape: 'a response without headers or data',
      rejection: { response: { status: 504 } },
      fields: { ...nothing, status: 504 },
      message: `Genesys rejected updating \`ci-deployer\`: 504.${serverError}`,
    },
    {
      shape: 'a wrapper with null headers and a blank body',
      rejection: { status: 502, headers: null, body: ' \n ', error: null },
      fields: { ...nothing, status: 502 },
      message: `Genesys rejected updating \`ci-deployer\`: 502.${serverError}`,
    },
    {
      shape: 'a plain-text body padded with whitespace',
      rejection: { status: 503, headers: { 'Retry-After': '30' }, body: '  upstream down\n', error: null },
      fields: { ...nothing, status: 503, retryAfterSeconds: 30 },
      message: `Genesys rejected updating \`ci-deployer\`: 503 "upstream down".${serverError}`,
    },
    {
      shape: 'an empty correlation header, with the context id in the body',
      rejection: { status: 400, headers: { 'inin-correlation-id': '' }, body: { code: 'bad.request', message: 'x', contextId: 'ctx-7' } },
      fields: { ...nothing, status: 400, code: 'bad.request', correlationId: 'ctx-7' },
      message: 'Genesys rejected updating `ci-deployer`: 400 bad.request "x" (correlation id ctx-7).',
    },
    {
      shape: 'a gateway body with a numeric code',
      rejection: { status: 429, code: 429, message: 'Too Many Requests' },
      fields: { ...nothing, status: 429 },
      message: 'Genesys rejected updating `ci-deployer`: 429 "Too Many Requests". The org\'s rate limit was hit; run again later.',
    },
    {
      shape: 'a body with an empty code and message, and a description',
      rejection: { status: 400, code: '', error: 'invalid_request', message: '', description: 'Malformed JSON' },
      fields: { ...nothing, status: 400, code: 'invalid_request' },
      message: 'Genesys rejected updating `ci-deployer`: 400 invalid_request "Malformed JSON".',
    },
  ])('reads $shape', ({ rejection, operation, fields, message }) => {
    const error = toGenesysApiError(rejection, operation ?? updating);
    const { status, code, correlationId, retryAfterSeconds } = error;
    expect({ status, code, correlationId, retryAfterSeconds, message: error.message }).toEqual({ ...fields, message });
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

  const check = 'Check input `genesys-region` or env `GENESYSCLOUD_REGION`, or input `genesys-api-url` or env `GENESYSCLOUD_API_URL`.';
  const clientIdSource = 'input `genesys-client-id` or env `GENESYSCLOUD_OAUTHCLIENT_ID`';
  const secretSource = 'input `genesys-client-secret` or env `GENESYSCLOUD_OAUTHCLIENT_SECRET`';

  it('passes a GenesysApiError through unchanged', () => {
    const original = new GenesysApiError({ status: 418, message: 'teapot' });
    expect(toLoginError(original, login)).toBe(original);
  });

  it('reports a login server error as a server error, pointing at the region or URL', () => {
    const error = toLoginError(
      new HttpFailure('x', 'ERR_BAD_RESPONSE', { status: 503, headers: { 'inin-correlation-id': 'c-503' }, data: 'Service Unavailable' }),
      login,
    );
    expect({ status: error.status, code: error.code, correlationId: error.correlationId, message: error.message }).toEqual({
      status: 503,
      code: undefined,
      correlationId: 'c-503',
      message:
        'Genesys rejected logging in to the Genesys login at https://login.mypurecloud.ie: ' +
        '503 "Service Unavailable" (correlation id c-503). ' +
        'This is a Genesys server error; run again later, and quote the correlation id to Genesys support if it persists. ' +
        check,
    });
  });

  it('takes a bare 401 for invalid_client and names the region the org was looked for in', () => {
    const error = toLoginError(new HttpFailure('x', undefined, { status: 401, headers: {}, data: '' }), {
      ...login,
      region: 'eu-west-1',
    });
    expect({ status: error.status, code: error.code, message: error.message }).toEqual({
      status: 401,
      code: 'invalid_client',
      message:
        'Genesys refused to log in OAuth client `my-client` (401 invalid_client). The client id or the client secret is wrong: ' +
        `check the client id (${clientIdSource}) and the secret (${secretSource}), and that the client belongs to the org that ` +
        'logs in at https://login.mypurecloud.ie (region `eu-west-1`, from input `genesys-region` or env `GENESYSCLOUD_REGION`).',
    });
  });

  it('says a client refused for its grant type must use Client Credentials', () => {
    const error = toLoginError(
      new HttpFailure('x', undefined, {
        status: 400,
        headers: {},
        data: { error: 'unsupported_grant_type', error_description: 'grant type not supported' },
      }),
      login,
    );
    expect(error.message).toBe(
      'Genesys refused to log in OAuth client `my-client` (400 unsupported_grant_type: "grant type not supported"). ' +
        `The client must use the Client Credentials grant; pick a client-credentials client in ${clientIdSource}.`,
    );
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

describe('parseRetryAfter, more shapes', () => {
  it.each([
    ['abc5', undefined],
    ['5s', undefined],
    ['2.55', 3],
    [' ', undefined],
  ])('reads %j as %j seconds', (value, seconds) => {
    expect(parseRetryAfter(value, 0)).toBe(seconds);
  });

  it('counts an HTTP date from now, and a date already past as 0', () => {
    expect([parseRetryAfter('Thu, 01 Jan 1970 00:00:10 GMT', 4000), parseRetryAfter('Thu, 01 Jan 1970 00:00:10 GMT', 60_000)]).toEqual([
      6, 0,
    ]);
  });
});

describe('header', () => {
  it.each([
    { name: 'retry-after', headers: { 'Retry-After': 5 }, value: '5' },
    { name: 'inin-correlation-id', headers: { 'Inin-Correlation-Id': ['c-1', 'c-2'] }, value: 'c-1' },
    { name: 'retry-after', headers: { 'retry-after': undefined, 'Retry-After': '9' }, value: '9' },
    { name: 'retry-after', headers: { 'retry-after': [7], 'Retry-After': '9' }, value: '9' },
    { name: 'retry-after', headers: { 'retry-after': { value: '3' } }, value: undefined },
    { name: 'retry-after', headers: undefined, value: undefined },
    { name: 'retry-after', headers: null, value: undefined },
  ])('reads $name as $value from $headers, whatever the case of its name', ({ name, headers, value }) => {
    expect(header(headers, name)).toBe(value);
  });
});

describe('GenesysApiError.isAuthFailure', () => {
  it.each([
    { status: 401, code: 'token.expired', auth: true },
    { status: 400, code: 'invalid_client', auth: true },
    { status: 400, code: 'unauthorized_client', auth: true },
    { status: 403, code: 'missing.permissions', auth: false },
    { status: undefined, code: 'ECONNREFUSED', auth: false },
  ])('is $auth for $status $code', ({ status, code, auth }) => {
    expect(new GenesysApiError({ status, code, message: 'm' }).isAuthFailure).toBe(auth);
  });
});
