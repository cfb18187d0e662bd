// readOrg and readClients over a scripted SDK: the live org they build (whole objects), every request they make
// (paging of the client list by nextUri or pageCount, role and division pages, legacy listings read one by one) and
// the exact error a user gets when a read fails. `call` is the real one, so messages are what a run prints.
import { describe, expect, it } from 'vitest';
import type { ApiOAuthClient, ApiTokenInfo } from '../../src/genesys/mapping.js';
import { readClients, readOrg } from '../../src/genesys/read-org.js';
import { createCall, SecretKeeper, type SdkContext, type Session } from '../../src/genesys/sdk-context.js';

interface Listing {
  entities?: unknown[];
  total?: number;
  pageNumber?: number;
  pageCount?: number;
  nextUri?: string;
}

interface FakeOrg {
  token?: ApiTokenInfo;
  /** The first answer of `GET /api/v2/oauth/clients`. */
  clients?: Listing;
  /** Answers of further client pages, by the path asked for. */
  pages?: Record<string, Listing | ((path: string) => Listing)>;
  /** Clients read one by one; absent ones answer 404. */
  single?: Record<string, ApiOAuthClient>;
  roles?: unknown[][];
  divisions?: unknown[][];
  home?: unknown;
  /** Rejections, by request. */
  fail?: Record<string, unknown>;
}

const TOKEN_ME = 'GET /api/v2/tokens/me';
const CLIENTS = 'GET /api/v2/oauth/clients';
const HOME = 'GET /api/v2/authorization/divisions/home';
const rolesPage = (n: number): string => `GET /api/v2/authorization/roles?pageSize=100&pageNumber=${n}&userCount=false`;
const divisionsPage = (n: number): string => `GET /api/v2/authorization/divisions?pageSize=100&pageNumber=${n}`;

const forbidden = { status: 403, code: 'missing.permissions', message: 'Access denied' };
const homeDivision = { id: 'div-home', name: 'Home' };
const me = { OAuthClient: { id: 'self', name: 'sync' }, organization: { id: 'org-1', name: 'Acme' } };

function fakeConn(org: FakeOrg): { conn: SdkContext; requests: string[] } {
  const requests: string[] = [];
  const answer = async (request: string, body: () => unknown): Promise<unknown> => {
    requests.push(request);
    if (org.fail && request in org.fail) throw org.fail[request];
    return body();
  };
  const query = (params: object): string => {
    const text = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
    return text ? `?${text}` : '';
  };
  const paged = (pages: unknown[][] | undefined, params: { pageNumber?: number }): Listing => {
    const all = pages ?? [[]];
    return { entities: all[(params.pageNumber ?? 1) - 1] ?? [], pageNumber: params.pageNumber, pageCount: all.length };
  };
  const session: Session = { generation: 0, relogin: async () => {}, expiresSoon: () => false };
  const secrets = new SecretKeeper(() => {});
  const conn = {
    clientId: 'configured-id',
    tokens: { getTokensMe: () => answer(TOKEN_ME, () => org.token ?? me) },
    oauth: {
      getOauthClients: () => answer(CLIENTS, () => org.clients ?? { entities: [] }),
      getOauthClient: (id: string) =>
        answer(`${CLIENTS}/${id}`, () => {
          const found = org.single?.[id];
          if (!found) throw { status: 404, code: 'not.found', message: 'Not found' };
          return found;
        }),
    },
    authorization: {
      getAuthorizationRoles: (params: object) => answer(`GET /api/v2/authorization/roles${query(params)}`, () => paged(org.roles, params)),
      getAuthorizationDivisions: (params: object) =>
        answer(`GET /api/v2/authorization/divisions${query(params)}`, () => paged(org.divisions, params)),
      getAuthorizationDivisionsHome: () => answer(HOME, () => ('home' in org ? org.home : homeDivision)),
    },
    getPath: (path: string) =>
      answer(`GET ${path}`, () => {
        const page = org.pages?.[path];
        return typeof page === 'function' ? page(path) : (page ?? {});
      }),
    call: createCall(session, secrets),
    secrets,
    writeSlot: (task: () => Promise<unknown>) => task(),
    readConcurrency: 2,
  } as unknown as SdkContext;
  return { conn, requests };
}

const listed = (id: string, name: string, extra: Partial<ApiOAuthClient> = {}): ApiOAuthClient => ({
  id,
  name,
  authorizedGrantType: 'CLIENT-CREDENTIALS',
  ...extra,
});

/** A live client as readOrg hands it out, with the defaults a bare listing gets. */
const live = (id: string, name: string, extra: object = {}): object => ({
  id,
  name,
  description: '',
  authorized_grant_type: 'CLIENT-CREDENTIALS',
  access_token_validity_seconds: 86_400,
  registered_redirect_uris: [],
  scopes: [],
  roles: [],
  state: 'active',
  ...extra,
});

const failure = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('readOrg builds the live org', () => {
  it('reads identity, clients sorted by name then id, named grants, soft-deleted clients, roles and divisions', async () => {
    const { conn, requests } = fakeConn({
      token: {
        OAuthClient: {
          id: 'self',
          name: 'sync',
          authorizedGrantType: 'CLIENT-CREDENTIALS',
          roleDivisions: [{ roleId: 'r-admin', divisionId: '*' }],
        },
        organization: { id: 'org-1', name: 'Acme' },
      },
      clients: {
        entities: [
          listed('c-0', 'zeta', { roleDivisions: [{ roleId: 'r-emp', divisionId: 'div-sales' }] }),
          listed('c-2', 'alpha', { state: 'inactive', dateToDelete: '2026-12-01T00:00:00Z' }),
          listed('c-1', 'alpha', { description: 'first alpha', scope: ['b', 'a'] }),
          listed('self', 'sync', { roleDivisions: [{ roleId: 'r-emp', divisionId: '*' }] }),
        ],
        total: 4,
      },
      roles: [
        [
          { id: 'r-admin', name: 'admin' },
          { id: 'r-emp', name: 'employee' },
        ],
      ],
      divisions: [[{ id: 'div-sales', name: 'Sales' }]],
    });
    const org = await readOrg(conn);
    expect(org).toEqual({
      clients: [
        live('c-1', 'alpha', { description: 'first alpha', scopes: ['a', 'b'] }),
        live('c-2', 'alpha', { state: 'inactive', dateToDelete: '2026-12-01T00:00:00Z' }),
        live('self', 'sync', { roles: [{ role_id: 'r-emp', division_id: '*', role_name: 'employee', division_name: 'all divisions' }] }),
        live('c-0', 'zeta', { roles: [{ role_id: 'r-emp', division_id: 'div-sales', role_name: 'employee', division_name: 'Sales' }] }),
      ],
      roles: [
        { id: 'r-admin', name: 'admin' },
        { id: 'r-emp', name: 'employee' },
      ],
      divisions: [homeDivision, { id: 'div-sales', name: 'Sales' }],
      homeDivision,
      self: {
        clientId: 'self',
        clientName: 'sync',
        grants: [{ role_id: 'r-admin', division_id: '*', role_name: 'admin', division_name: 'all divisions' }],
        organizationId: 'org-1',
        organizationName: 'Acme',
      },
    });
    expect(requests.sort()).toEqual([CLIENTS, divisionsPage(1), HOME, rolesPage(1), TOKEN_ME].sort());
  });

  it('keeps the division order Genesys gave when the home division is among them', async () => {
    const { conn } = fakeConn({
      divisions: [
        [
          { id: 'div-sales', name: 'Sales' },
          { id: 'div-home', name: 'Home' },
        ],
      ],
    });
    expect((await readOrg(conn)).divisions).toEqual([{ id: 'div-sales', name: 'Sales' }, homeDivision]);
  });

  it("takes the own client's grants from its list entry when tokens/me carries none", async () => {
    const { conn } = fakeConn({
      clients: {
        entities: [
          listed('a-first', 'aaa', { roleDivisions: [{ roleId: 'r-other', divisionId: '*' }] }),
          listed('self', 'sync', { roleDivisions: [{ roleId: 'r-admin', divisionId: '*' }] }),
        ],
      },
      roles: [[{ id: 'r-admin', name: 'admin' }]],
    });
    expect((await readOrg(conn)).self).toEqual({
      clientId: 'self',
      clientName: 'sync',
      grants: [{ role_id: 'r-admin', division_id: '*', role_name: 'admin', division_name: 'all divisions' }],
      organizationId: 'org-1',
      organizationName: 'Acme',
    });
  });

  it('has no grants for itself when tokens/me carries none and its client is not listed', async () => {
    const { conn } = fakeConn({ clients: { entities: [listed('c-1', 'other', { roleDivisions: [{ roleId: 'r-1', divisionId: '*' }] })] } });
    expect((await readOrg(conn)).self.grants).toEqual([]);
  });

  it('reads every role and division page with the largest page size, without user counts, keeping the first of a repeated id', async () => {
    const { conn, requests } = fakeConn({
      roles: [
        [{ id: 'r-1', name: 'one' }, { name: 'no id' }],
        [
          { id: 'r-1', name: 'one, listed again' },
          { id: 'r-2', name: 'two' },
        ],
        [{ id: 'r-3' }],
      ],
      divisions: [[{ id: 'd-1', name: 'One' }], [{ id: 'd-1', name: 'One again' }, homeDivision]],
    });
    const org = await readOrg(conn);
    expect(org.roles).toEqual([
      { id: 'r-1', name: 'one' },
      { id: 'r-2', name: 'two' },
      { id: 'r-3', name: 'r-3' },
    ]);
    expect(org.divisions).toEqual([{ id: 'd-1', name: 'One' }, homeDivision]);
    expect(requests.sort()).toEqual(
      [CLIENTS, HOME, TOKEN_ME, rolesPage(1), rolesPage(2), rolesPage(3), divisionsPage(1), divisionsPage(2)].sort(),
    );
  });
});

describe('readOrg reads the whole client list', () => {
  it('follows nextUri, relative or absolute, to the path and query it names, until a page offers none', async () => {
    const { conn, requests } = fakeConn({
      clients: { entities: [listed('c-1', 'one')], total: 3, nextUri: '/api/v2/oauth/clients?pageNumber=2&pageSize=1' },
      pages: {
        '/api/v2/oauth/clients?pageNumber=2&pageSize=1': {
          entities: [listed('c-2', 'two')],
          nextUri: 'https://api.mypurecloud.com/api/v2/oauth/clients?pageNumber=3&pageSize=1',
        },
        '/api/v2/oauth/clients?pageNumber=3&pageSize=1': { entities: [listed('c-3', 'three')] },
      },
    });
    expect(await readClientsOf(conn)).toEqual(['c-1', 'c-2', 'c-3']);
    expect(requests.filter((r) => r.startsWith(CLIENTS))).toEqual([
      CLIENTS,
      'GET /api/v2/oauth/clients?pageNumber=2&pageSize=1',
      'GET /api/v2/oauth/clients?pageNumber=3&pageSize=1',
    ]);
  });

  it('asks for ?pageNumber= pages while pageCount says there are more, counting from page 1 when no page number is given', async () => {
    const { conn, requests } = fakeConn({
      clients: { entities: [listed('c-1', 'one')], pageCount: 3 },
      pages: {
        '/api/v2/oauth/clients?pageNumber=2': { entities: [listed('c-2', 'two')], pageNumber: 2, pageCount: 3 },
        '/api/v2/oauth/clients?pageNumber=3': { entities: [listed('c-3', 'three')], pageNumber: 3, pageCount: 3 },
      },
    });
    expect(await readClientsOf(conn)).toEqual(['c-1', 'c-2', 'c-3']);
    expect(requests).toEqual([CLIENTS, 'GET /api/v2/oauth/clients?pageNumber=2', 'GET /api/v2/oauth/clients?pageNumber=3']);
  });

  it('stops at the first page that brings no new client, skipping repeated and id-less entries', async () => {
    const repeat = (path: string): Listing => ({
      entities: [listed('c-1', 'one'), { name: 'no id' }, listed('c-2', 'two')],
      nextUri: path.replace(/pageNumber=(\d+)/, (_, n: string) => `pageNumber=${Number(n) + 1}`),
    });
    const pages: Record<string, (path: string) => Listing> = {};
    for (let n = 2; n < 10; n += 1) pages[`/api/v2/oauth/clients?pageNumber=${n}`] = repeat;
    const { conn, requests } = fakeConn({
      clients: { entities: [listed('c-1', 'one')], nextUri: '/api/v2/oauth/clients?pageNumber=2' },
      pages,
    });
    expect(await readClientsOf(conn)).toEqual(['c-1', 'c-2']);
    expect(requests).toEqual([CLIENTS, 'GET /api/v2/oauth/clients?pageNumber=2', 'GET /api/v2/oauth/clients?pageNumber=3']);
  });

  it('asks for a page it was already handed only once', async () => {
    const { conn, requests } = fakeConn({
      clients: { entities: [listed('c-1', 'one')], nextUri: '/api/v2/oauth/clients?pageNumber=2' },
      pages: {
        '/api/v2/oauth/clients?pageNumber=2': { entities: [listed('c-2', 'two')], nextUri: '/api/v2/oauth/clients?pageNumber=2' },
      },
    });
    expect(await readClientsOf(conn)).toEqual(['c-1', 'c-2']);
    expect(requests).toEqual([CLIENTS, 'GET /api/v2/oauth/clients?pageNumber=2']);
  });

  it('ends paging at a nextUri that is not a URL, even when pageCount says there is more', async () => {
    const { conn, requests } = fakeConn({
      clients: { entities: [listed('c-1', 'one')], nextUri: 'http://[broken', pageNumber: 1, pageCount: 2 },
    });
    expect(await readClientsOf(conn)).toEqual(['c-1']);
    expect(requests).toEqual([CLIENTS]);
  });

  it('stops after 1,000 pages of a server that never stops offering more, and refuses the partial list', async () => {
    const endless = (path: string): Listing => {
      const n = Number(/pageNumber=(\d+)/.exec(path)?.[1]);
      return { entities: [listed(`c-${n}`, `client ${n}`)], nextUri: `/api/v2/oauth/clients?pageNumber=${n + 1}` };
    };
    const pages: Record<string, (path: string) => Listing> = {};
    for (let n = 2; n <= 1_002; n += 1) pages[`/api/v2/oauth/clients?pageNumber=${n}`] = endless;
    const { conn, requests } = fakeConn({
      clients: { entities: [listed('c-1', 'client 1')], total: 5_000, nextUri: '/api/v2/oauth/clients?pageNumber=2' },
      pages,
    });
    const error = await failure(readClients(conn));
    expect(requests).toHaveLength(1_000);
    expect(requests.at(-1)).toBe('GET /api/v2/oauth/clients?pageNumber=1000');
    expect(error).toMatchObject({
      name: 'GenesysApiError',
      message:
        "Genesys listed 1000 of the org's 5000 OAuth clients and offered no further page, so the org cannot be read whole " +
        'and nothing was planned. Re-run later; if it persists, report it to Genesys support.',
    });
  });

  it('refuses a list shorter than the total Genesys announced, before any plan', async () => {
    const { conn } = fakeConn({ clients: { entities: [listed('c-1', 'one')], total: 2 } });
    const error = await failure(readOrg(conn));
    expect((error as Error).message).toBe(
      "Genesys listed 1 of the org's 2 OAuth clients and offered no further page, so the org cannot be read whole " +
        'and nothing was planned. Re-run later; if it persists, report it to Genesys support.',
    );
  });

  it('reads clients listed without a grant type one by one, keeps the listed ones, and drops one deleted meanwhile', async () => {
    const { conn, requests } = fakeConn({
      clients: {
        entities: [listed('c-new', 'modern'), { id: 'c-old', name: 'old', authorizedGrantType: '' }, { id: 'c-gone', name: 'gone' }],
      },
      single: { 'c-old': { id: 'c-old', name: 'old', authorizedGrantType: 'CODE', registeredRedirectUri: ['https://x.example'] } },
    });
    expect(await readClients(conn)).toEqual([
      live('c-new', 'modern'),
      live('c-old', 'old', { authorized_grant_type: 'CODE', registered_redirect_uris: ['https://x.example'] }),
    ]);
    expect(requests.sort()).toEqual([CLIENTS, `${CLIENTS}/c-gone`, `${CLIENTS}/c-old`]);
  });
});

describe('readOrg says which read failed and what permission it needs', () => {
  const hint = (permission: string): string =>
    ` The Action's OAuth client probably lacks the permission \`${permission}\`: add it to one of the client's roles.`;

  const lacksOne = " The Action's OAuth client lacks a permission: check the roles granted to it.";
  it.each([
    [
      TOKEN_ME,
      `Genesys rejected reading the Action's own token (\`GET /api/v2/tokens/me\`): 403 missing.permissions "Access denied".${lacksOne}`,
    ],
    [CLIENTS, `Genesys rejected listing OAuth clients: 403 missing.permissions "Access denied".${hint('oauth:client:view')}`],
    [rolesPage(1), `Genesys rejected listing roles (page 1): 403 missing.permissions "Access denied".${hint('authorization:role:view')}`],
    [divisionsPage(1), `Genesys rejected listing divisions (page 1): 403 missing.permissions "Access denied".${lacksOne}`],
  ])('when %s is refused', async (request, message) => {
    const { conn } = fakeConn({ fail: { [request]: forbidden } });
    expect(((await failure(readOrg(conn))) as Error).message).toBe(message);
  });

  it('names the page of the client list that was refused', async () => {
    const { conn } = fakeConn({
      clients: { entities: [listed('c-1', 'one')], nextUri: '/api/v2/oauth/clients?pageNumber=2' },
      pages: { '/api/v2/oauth/clients?pageNumber=2': { entities: [listed('c-2', 'two')], nextUri: '/api/v2/oauth/clients?pageNumber=3' } },
      fail: { 'GET /api/v2/oauth/clients?pageNumber=3': forbidden },
    });
    expect(((await failure(readOrg(conn))) as Error).message).toBe(
      `Genesys rejected listing OAuth clients (page 3): 403 missing.permissions "Access denied".${hint('oauth:client:view')}`,
    );
  });

  it('names the page of the roles that was refused', async () => {
    const { conn } = fakeConn({ roles: [[{ id: 'r-1', name: 'one' }], []], fail: { [rolesPage(2)]: forbidden } });
    expect(((await failure(readOrg(conn))) as Error).message).toBe(
      `Genesys rejected listing roles (page 2): 403 missing.permissions "Access denied".${hint('authorization:role:view')}`,
    );
  });

  it.each([
    ['no body', undefined],
    ['a division without an id', { name: 'Home' }],
  ])('refuses a home division answered with %s', async (_, home) => {
    const { conn } = fakeConn({ home });
    expect(await failure(readOrg(conn))).toMatchObject({
      name: 'GenesysApiError',
      message: 'Genesys answered reading the home division without a division id.',
    });
  });
});

async function readClientsOf(conn: SdkContext): Promise<string[]> {
  return (await readClients(conn)).map((client) => client.id).sort();
}
