// Where Genesys is not a simple store, and how faithfully the emulator plays it. Each behaviour is an option; the
// `realistic` profile (end-to-end tests, `npm start`, the bench) turns on what real orgs do, the `strict` one (the
// default of `startEmulator`, for integration tests) answers every read with the newest data at once.
// Sources and assumptions: emulator/README.md. Time is the emulator's clock (`now`), so tests never sleep.
import { ApiFailure } from './api-failure.js';
import type { OrgState } from './org-state.js';
import type { EmulatedClient } from './types.js';

export const DAY_MS = 86_400_000;
/** Genesys deletes clients created within this many days at once (help ?p=188025). */
export const SOFT_DELETE_AGE_MS = 30 * DAY_MS;
/** Older clients stay deactivated this long before they are removed (help ?p=188025). */
export const SOFT_DELETE_KEEP_MS = 7 * DAY_MS;

export interface Fidelity {
  /** Reads (the list and GET by id) see the org as it was this long ago: a new client 404s and is not listed. */
  readLagMs: number;
  /** A removed client is still read as `state: deleted` this long after the delete (then 404). */
  deletedShownMs: number;
  /** Deleting a client older than 30 days deactivates it with `dateToDelete` for 7 days instead. */
  softDelete: boolean;
  /** `GET /api/v2/tokens/me` carries the client's `roleDivisions`. */
  tokenRoles: boolean;
  /** New `TOKEN` (implicit) clients are refused; existing ones can still be read, edited and deleted. */
  refuseNewImplicit: boolean;
  /** Writes silently drop the field that does not apply to the grant (scope on client credentials, roles on others). */
  dropInapplicableFields: boolean;
  /** The client list returns at most this many entities, with the true `total` and no next page. */
  listLimit?: number;
}

export const PROFILES = {
  strict: {
    readLagMs: 0,
    deletedShownMs: 0,
    softDelete: false,
    tokenRoles: true,
    refuseNewImplicit: false,
    dropInapplicableFields: false,
  },
  realistic: {
    readLagMs: 2_000,
    deletedShownMs: 5_000,
    softDelete: true,
    tokenRoles: false,
    refuseNewImplicit: true,
    dropInapplicableFields: false,
  },
} as const satisfies Record<string, Fidelity>;

export type ProfileName = keyof typeof PROFILES;

interface Version {
  at: number;
  client: EmulatedClient | undefined;
}

interface History {
  /** What reads saw before the first lagging write. */
  before: EmulatedClient | undefined;
  versions: Version[];
}

/** The org as reads see it: every API write becomes visible after the lag; seeds and test edits at once. */
export class Realism {
  readonly fidelity: Fidelity;
  private readonly histories = new Map<string, History>();

  constructor(
    profile: ProfileName,
    overrides: Partial<Fidelity>,
    private readonly now: () => Date,
  ) {
    this.fidelity = { ...PROFILES[profile], ...overrides };
  }

  set(overrides: Partial<Fidelity>): void {
    Object.assign(this.fidelity, overrides);
  }

  /** A seed or a test's edit: seen by the next read, whatever the lag. */
  settle(id: string): void {
    this.histories.delete(id);
  }

  /** Records an API write of `id` (`after` undefined: removed), seen by reads once the lag has passed. */
  recordWrite(id: string, before: EmulatedClient | undefined, after: EmulatedClient | undefined, at = this.now().getTime()): void {
    const history = this.histories.get(id) ?? { before: before && structuredClone(before), versions: [] };
    history.versions.push({ at, client: after && structuredClone(after) });
    history.versions.sort((a, b) => a.at - b.at);
    this.histories.set(id, history);
  }

  /** One client as a read sees it now. */
  read(org: OrgState, id: string): EmulatedClient | undefined {
    this.purgeExpired(org);
    const history = this.histories.get(id);
    if (!history) return org.client(id);
    const cutoff = this.now().getTime() - this.fidelity.readLagMs;
    let seen = history.before;
    for (const version of history.versions) if (version.at <= cutoff) seen = version.client;
    return seen;
  }

  /** Every client a list shows now, in the org's order, then those only the lagging view still has. */
  list(org: OrgState): EmulatedClient[] {
    this.purgeExpired(org);
    const ids = [...new Set([...org.allClients().map((client) => client.id), ...this.histories.keys()])];
    return ids.flatMap((id) => this.read(org, id) ?? []);
  }

  /** Refuses what Genesys refuses on create. */
  checkCreate(grantType: string): void {
    if (this.fidelity.refuseNewImplicit && grantType === 'TOKEN') {
      // UNVERIFIED: the status and code of the real refusal; Genesys stopped new implicit clients in March 2026.
      throw new ApiFailure(
        400,
        'invalid.grant.type',
        'The implicit grant (TOKEN) is deprecated: new OAuth clients cannot use it. Use the authorization code grant (CODE) with PKCE.',
        [{ errorCode: 'invalid.grant.type', fieldName: 'authorizedGrantType' }],
      );
    }
  }

  /** The fields Genesys keeps of a write, when it drops those that do not apply to the grant. */
  keepApplicable<T extends Pick<EmulatedClient, 'authorizedGrantType' | 'scope' | 'roleDivisions'>>(fields: T): T {
    if (!this.fidelity.dropInapplicableFields) return fields;
    return fields.authorizedGrantType === 'CLIENT-CREDENTIALS' ? { ...fields, scope: [] } : { ...fields, roleDivisions: [] };
  }

  /** DELETE of an inactive client: deactivated for 7 days when old enough, else removed (read as `deleted` a while). */
  delete(org: OrgState, client: EmulatedClient): void {
    const now = this.now().getTime();
    if (client.dateToDelete !== undefined) return;
    if (this.fidelity.softDelete && now - Date.parse(client.dateCreated) > SOFT_DELETE_AGE_MS) {
      const kept = org.scheduleDeletion(client.id, new Date(now + SOFT_DELETE_KEEP_MS).toISOString());
      this.recordWrite(client.id, client, kept, now);
      return;
    }
    org.removeClient(client.id);
    if (this.fidelity.deletedShownMs > 0) {
      this.recordWrite(client.id, client, { ...client, state: 'deleted' }, now);
      this.recordWrite(client.id, client, undefined, now + this.fidelity.deletedShownMs);
    } else {
      this.recordWrite(client.id, client, undefined, now);
    }
  }

  /** Removes clients whose `dateToDelete` has come. */
  private purgeExpired(org: OrgState): void {
    const now = this.now().getTime();
    for (const client of org.allClients()) {
      if (client.dateToDelete === undefined || Date.parse(client.dateToDelete) > now) continue;
      org.removeClient(client.id);
      this.settle(client.id);
    }
  }
}
