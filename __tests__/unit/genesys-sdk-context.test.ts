// `call`, the one path every SDK call takes: what it returns, when it logs in again, and when it gives up.
import { describe, expect, it } from 'vitest';
import { GenesysApiError } from '../../src/genesys/api-error.js';
import { createCall, SecretKeeper, type Session } from '../../src/genesys/sdk-context.js';

const operation = { what: 'listing OAuth clients', permission: 'oauth:client:view' };

/** A session whose token is about to expire while `soon` says so; it counts the logins. */
function fakeSession(soon = () => false): Session & { logins: (number | undefined)[] } {
  let generation = 1;
  const logins: (number | undefined)[] = [];
  return {
    logins,
    get generation() {
      return generation;
    },
    async relogin(seen?: number) {
      logins.push(seen);
      generation += 1;
    },
    expiresSoon: soon,
  };
}

const unauthorized = {
  status: 401,
  statusText: 'Unauthorized',
  headers: {},
  body: { status: 401, code: 'bad.credentials', message: 'expired' },
};

describe('call', () => {
  it.each([
    ['an extended response', { status: 200, headers: {}, body: { entities: [1] } }, { entities: [1] }],
    ['an object without status and body', { entities: [2] }, { entities: [2] }],
    ['an object with a status but no body', { status: 'Complete', results: [] }, { status: 'Complete', results: [] }],
    ['an object with a body but no status', { body: 'text' }, { body: 'text' }],
    ['a string', 'plain text', 'plain text'],
    ['null', null, null],
    ['undefined', undefined, undefined],
  ])('returns the body of %s, or the value itself', async (_what, response, expected) => {
    const call = createCall(fakeSession(), new SecretKeeper(() => {}));
    expect(await call(operation, async () => response)).toEqual(expected);
  });

  it('logs in again once on a 401 and repeats the call, then gives up on a second 401', async () => {
    const session = fakeSession();
    const call = createCall(session, new SecretKeeper(() => {}));
    let calls = 0;
    const failure = await call(operation, async () => {
      calls += 1;
      if (calls <= 2) throw unauthorized;
      return { status: 200, body: 'a third try would have worked' };
    }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(GenesysApiError);
    expect(failure).toMatchObject({ status: 401 });
    expect(calls).toBe(2);
    expect(session.logins).toEqual([1]);
  });

  it('logs in first when the token is about to expire, naming the login it saw', async () => {
    const session = fakeSession(() => true);
    const call = createCall(session, new SecretKeeper(() => {}));
    expect(await call(operation, async () => ({ status: 200, body: 'ok' }))).toBe('ok');
    expect(session.logins).toEqual([1]);
  });
});
