// Everything the plan needs, in a constant number of requests: the token's identity, one client list, the role and
// division pages and the home division, all started at once. Only clients listed the pre-2026 way (without a grant
// type) are read one by one.
import type platformClient from 'purecloud-platform-client-v2';
import type { ClientId, LiveClient, LiveOrg, NamedDivision, NamedRole } from '../core/types.js';
import type { SdkContext } from './sdk-context.js';
import { mapConcurrently } from '../core/bounded.js';
import { buildLookups, type OrgLookups } from '../core/normalise.js';
import { isLegacyListing, toLiveClient, toNamedDivision, toNamedRole, toSelfIdentity, type ApiOAuthClient } from './mapping.js';
import { GenesysApiError } from './api-error.js';
import { readApiClient } from './write-org.js';

/** The largest page the role and division listings are known to accept. */
export const PAGE_SIZE = 100;
/** A guard against a server that keeps handing out pages. */
const MAX_PAGES = 1_000;

interface Listing<T> {
  entities?: T[];
  total?: number;
  pageNumber?: number;
  pageCount?: number;
  nextUri?: string;
}

/** Reads the org: identity, clients, roles, divisions and home division; never one request per client. */
export async function readOrg(conn: SdkContext): Promise<LiveOrg> {
  const [token, listed, roles, divisions, home] = await Promise.all([
    conn.call<platformClient.Models.TokenInfo>({ what: "reading the Action's own token (`GET /api/v2/tokens/me`)" }, () =>
      conn.tokens.getTokensMe(),
    ),
    readClientList(conn),
    readRoles(conn),
    readDivisions(conn),
    readHomeDivision(conn),
  ]);

  const lookups = buildLookups({ roles, divisions, homeDivision: home });
  conn.lookups = lookups;
  const clients = await toLiveClients(conn, listed, lookups);

  const self = toSelfIdentity(token, conn.clientId, lookups);
  // `tokens/me` may carry no roles for a client-credentials token (unverified); the own client's list entry has them.
  if (self.grants.length === 0) self.grants = clients.find((client) => client.id === self.clientId)?.roles ?? [];
  return {
    clients,
    roles,
    divisions: divisions.some((d) => d.id === home.id) ? divisions : [home, ...divisions],
    homeDivision: home,
    self,
  };
}

/** The clients alone (one list), named with the lookups of the last `readOrg`: a second look after writes. */
export async function readClients(conn: SdkContext): Promise<LiveClient[]> {
  return toLiveClients(conn, await readClientList(conn), conn.lookups);
}

async function toLiveClients(conn: SdkContext, listed: ApiOAuthClient[], lookups: OrgLookups | undefined): Promise<LiveClient[]> {
  const complete = await completeLegacyListings(conn, listed);
  const clients = complete.map((client) => toLiveClient(client, lookups));
  return clients.sort((a, b) => a.name.localeCompare(b.name, 'en') || a.id.localeCompare(b.id, 'en'));
}

async function readClientList(conn: SdkContext): Promise<ApiOAuthClient[]> {
  const what = 'listing OAuth clients';
  const first = await conn.call<Listing<ApiOAuthClient>>({ what, permission: 'oauth:client:view' }, () => conn.oauth.getOauthClients());
  // The endpoint takes no paging parameters and answers with one list today; follow nextUri in case that changes,
  // and stop as soon as a page brings nothing new (a server that ignores paging repeats page 1).
  const byId = new Map<string, ApiOAuthClient>();
  const add = (page: Listing<ApiOAuthClient>): number => {
    let added = 0;
    for (const client of page.entities ?? []) {
      if (!client.id || byId.has(client.id)) continue;
      byId.set(client.id, client);
      added += 1;
    }
    return added;
  };
  add(first);
  const seen = new Set<string>();
  let page = first;
  for (let n = 1; n < MAX_PAGES; n += 1) {
    const next = nextPath(page, n + 1);
    if (!next || seen.has(next)) break;
    seen.add(next);
    page =
      (await conn.call<Listing<ApiOAuthClient>>({ what: `${what} (page ${n + 1})`, permission: 'oauth:client:view' }, () =>
        conn.getPath(next),
      )) ?? {};
    if (add(page) === 0) break;
  }
  // Planning from part of the org would create clients that exist and prune clients that were merely not listed.
  const total = first.total;
  if (typeof total === 'number' && total > byId.size) {
    throw new GenesysApiError({
      message:
        `Genesys listed ${byId.size} of the org's ${total} OAuth clients and offered no further page, so the org ` +
        'cannot be read whole and nothing was planned. Re-run later; if it persists, report it to Genesys support.',
    });
  }
  return [...byId.values()];
}

/** The path of the page after `page`: its nextUri, else `?pageNumber=` while pageCount says there is more. */
function nextPath(page: Listing<unknown>, wanted: number): string | undefined {
  if (page.nextUri) {
    try {
      const url = new URL(page.nextUri, 'http://relative.invalid');
      return `${url.pathname}${url.search}`;
    } catch {
      return undefined;
    }
  }
  const current = page.pageNumber ?? wanted - 1;
  if (page.pageCount !== undefined && current < page.pageCount) return `/api/v2/oauth/clients?pageNumber=${current + 1}`;
  return undefined;
}

async function readPaged<T>(fetchPage: (pageNumber: number) => Promise<Listing<T>>): Promise<T[]> {
  const first = await fetchPage(1);
  const pageCount = Math.min(first.pageCount ?? 1, MAX_PAGES);
  const rest = await Promise.all(Array.from({ length: Math.max(0, pageCount - 1) }, (_, i) => fetchPage(i + 2)));
  return [first, ...rest].flatMap((page) => page.entities ?? []);
}

async function readRoles(conn: SdkContext): Promise<NamedRole[]> {
  const entities = await readPaged((pageNumber) =>
    conn.call<Listing<platformClient.Models.DomainOrganizationRole>>(
      { what: `listing roles (page ${pageNumber})`, permission: 'authorization:role:view' },
      () => conn.authorization.getAuthorizationRoles({ pageSize: PAGE_SIZE, pageNumber, userCount: false }),
    ),
  );
  return uniqueById(entities.map(toNamedRole));
}

async function readDivisions(conn: SdkContext): Promise<NamedDivision[]> {
  const entities = await readPaged((pageNumber) =>
    conn.call<Listing<platformClient.Models.AuthzDivision>>({ what: `listing divisions (page ${pageNumber})` }, () =>
      conn.authorization.getAuthorizationDivisions({ pageSize: PAGE_SIZE, pageNumber }),
    ),
  );
  return uniqueById(entities.map(toNamedDivision));
}

async function readHomeDivision(conn: SdkContext): Promise<NamedDivision> {
  const what = 'reading the home division';
  const home = await conn.call<platformClient.Models.AuthzDivision>({ what }, () => conn.authorization.getAuthorizationDivisionsHome());
  const named = home ? toNamedDivision(home) : undefined;
  if (!named) throw new GenesysApiError({ message: `Genesys answered ${what} without a division id.` });
  return named;
}

/** Fetches, one by one, only the listed clients that lack a grant type; drops those removed meanwhile. */
async function completeLegacyListings(conn: SdkContext, listed: ApiOAuthClient[]): Promise<ApiOAuthClient[]> {
  const legacy = listed.filter(isLegacyListing);
  if (legacy.length === 0) return listed;
  const fetched = await mapConcurrently(legacy, conn.readConcurrency, (client) => readApiClient(conn, client.id as ClientId));
  const byId = new Map(fetched.filter((c): c is ApiOAuthClient => c !== undefined).map((c) => [c.id, c]));
  return listed.flatMap((client) => {
    if (!isLegacyListing(client)) return [client];
    const full = byId.get(client.id);
    return full ? [{ ...client, ...full }] : [];
  });
}

function uniqueById<T extends { id: string }>(items: readonly (T | undefined)[]): T[] {
  const byId = new Map<string, T>();
  for (const item of items) if (item && !byId.has(item.id)) byId.set(item.id, item);
  return [...byId.values()];
}
