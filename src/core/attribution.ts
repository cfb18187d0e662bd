// For `check`: who last changed each drifted client, and when. Genesys records only an id in `modifiedBy`: an OAuth
// client's (named from the list already read) or a user's (named by one batched users lookup, when permitted).
import type { AuditLookup, ClientId, LiveOrg, Plan } from './types.js';

export type Modifier =
  | { kind: 'user' | 'client'; id: string; name: string }
  /** Not named: the users lookup was refused (`permission` says what would name it) or did not know the id. */
  | { kind: 'unnamed'; id: string; permission?: string };

export interface Attribution {
  client: string;
  id: ClientId;
  dateModified?: string;
  modifiedBy?: Modifier;
}

/** The drifted clients' modifier ids that are not OAuth clients of the org: only these need the users lookup. */
export function findUserIdsToName(plan: Plan, live: LiveOrg): string[] {
  const clientIds = new Set<string>(live.clients.map((client) => client.id));
  const ids = drifted(plan, live).flatMap((client) => (client.modifiedBy && !clientIds.has(client.modifiedBy) ? [client.modifiedBy] : []));
  return [...new Set(ids)].sort();
}

/** When and by whom each drifted (changed) client was last modified, in plan order. */
export function buildAttributions(plan: Plan, live: LiveOrg, users: AuditLookup<Record<string, string>>): Attribution[] {
  const clientNames = new Map<string, string>(live.clients.map((client) => [client.id, client.name]));
  return drifted(plan, live).map((client) => {
    const attribution: Attribution = { client: client.name, id: client.id };
    if (client.dateModified) attribution.dateModified = client.dateModified;
    const by = client.modifiedBy;
    if (by === undefined) return attribution;
    const clientName = clientNames.get(by);
    const userName = users.kind === 'read' ? users.value[by] : undefined;
    if (clientName !== undefined) attribution.modifiedBy = { kind: 'client', id: by, name: clientName };
    else if (userName !== undefined) attribution.modifiedBy = { kind: 'user', id: by, name: userName };
    else
      attribution.modifiedBy = {
        kind: 'unnamed',
        id: by,
        ...(users.kind === 'unavailable' && users.permission ? { permission: users.permission } : {}),
      };
    return attribution;
  });
}

function drifted(plan: Plan, live: LiveOrg) {
  const byId = new Map(live.clients.map((client) => [client.id, client]));
  return plan.actions.flatMap((action) => {
    const client = action.kind === 'update' ? byId.get(action.id) : undefined;
    return client ? [client] : [];
  });
}
