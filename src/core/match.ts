// Pairs each definition with the live client it manages (SPEC §2): by pinned id, else by exact name; an ambiguous
// name is an error for that definition, never a guess.
import type { ClientId, Definition, LeftAloneClient, LiveClient, Problem } from './types.js';

export interface Match {
  definition: Definition;
  /** Absent when the client is missing from the org and will be created. */
  live?: LiveClient;
  /** The Action's own client: managed only while the definition matches it exactly. */
  self?: boolean;
}

export interface MatchResult {
  matches: Match[];
  /** Live clients no definition claimed, minus the Action's own client and the ones left alone. */
  undeclared: LiveClient[];
  /** Awaiting deletion, or with a grant type or state the Action does not know: never matched, never unmanaged. */
  leftAlone: LeftAloneClient[];
  problems: Problem[];
  warnings: Problem[];
}

/** True for a client Genesys is deleting: soft-deleted, or kept inactive until its `dateToDelete` (SPEC §2). */
export function isAwaitingDeletion(client: Pick<LiveClient, 'state' | 'dateToDelete'>): boolean {
  return client.state === 'deleted' || client.dateToDelete !== undefined;
}

/** Why the Action leaves a live client alone and lists it apart, if it does. */
export function leftAloneReason(client: LiveClient): LeftAloneClient | undefined {
  const { id, name } = client;
  if (isAwaitingDeletion(client))
    return { reason: 'awaiting-deletion', id, name, ...(client.dateToDelete ? { dateToDelete: client.dateToDelete } : {}) };
  if (client.unrecognised) return { reason: 'unrecognised', id, name, ...client.unrecognised };
  return undefined;
}

/** Matches definitions to live clients and reports ambiguity, self-protection and disabled clients. */
export function matchClients(definitions: readonly Definition[], allLive: readonly LiveClient[], selfId: ClientId): MatchResult {
  const leftAlone: LeftAloneClient[] = [];
  const live: LiveClient[] = [];
  for (const client of allLive) {
    const reason = client.id === selfId ? undefined : leftAloneReason(client);
    if (reason?.reason === 'awaiting-deletion') leftAlone.push(reason);
    else live.push(client);
  }
  const byId = new Map(live.map((client) => [client.id as string, client]));
  const byName = new Map<string, LiveClient[]>();
  // Definition names are trimmed, and Genesys keeps whatever it was sent: compare the two the same way.
  for (const client of live) byName.set(client.name.trim(), [...(byName.get(client.name.trim()) ?? []), client]);

  const matches: Match[] = [];
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const claimedBy = new Map<string, Definition>();
  // Clients an ambiguous definition may mean are never reported (or pruned) as unmanaged.
  const reserved = new Set<string>();
  const at = (definition: Definition) => ({ ...definition.source, client: definition.name });
  // A problem with the pinned id points at the `id:` line, where the fix goes.
  const atId = (definition: Definition) => ({ ...(definition.idPosition ?? definition.source), client: definition.name });

  for (const definition of definitions) {
    let found: LiveClient | undefined;
    if (definition.id !== undefined) {
      found = byId.get(definition.id);
      const namesake = found ? undefined : byName.get(definition.name)?.[0];
      if (namesake) {
        // Most likely a typo in `id`: creating a twin (and, with prune, deleting the original) would be far worse.
        problems.push({
          ...atId(definition),
          message:
            `Pinned id \`${definition.id}\` does not exist in the org, but a live client named ` +
            `\`${definition.name}\` does (id ${namesake.id}). Correct the \`id\`, or remove it to match by name.`,
        });
        reserved.add(namesake.id);
        continue;
      }
      if (!found) {
        const going = leftAlone.some((client) => client.id === definition.id);
        warnings.push({
          ...atId(definition),
          message:
            `Pinned id \`${definition.id}\` ${going ? 'is awaiting deletion in Genesys' : 'does not exist in the org'}: ` +
            'a new client will be created with a new id. Update `id` after the apply.',
        });
      }
    } else {
      const candidates = byName.get(definition.name) ?? [];
      if (candidates.length > 1) {
        problems.push({
          ...at(definition),
          message:
            `${candidates.length} live clients are named \`${definition.name}\` ` +
            `(${candidates.map((c) => c.id).join(', ')}). Pin one with \`id\`.`,
        });
        for (const candidate of candidates) reserved.add(candidate.id);
        continue;
      }
      found = candidates[0];
      // A match by name can be swapped: rename the real client, give another one its name, and that one gets the roles.
      if (found && found.id !== selfId && found.roles.length > 0) {
        const created = found.dateCreated ? `, created ${found.dateCreated.slice(0, 10)}` : '';
        warnings.push({
          ...at(definition),
          message:
            `\`${definition.name}\` is matched by name only, and holds roles: whoever can rename ` +
            'clients in Genesys could give another client this name and it would get these roles. Pin ' +
            `it with \`id: ${found.id}\` (the client matched now${created}); \`export\` writes pins.`,
        });
      }
    }

    const reason = found && found.id !== selfId ? leftAloneReason(found) : undefined;
    if (found && reason?.reason === 'unrecognised') {
      problems.push({
        ...at(definition),
        message:
          `\`${found.name}\` (${found.id}) has ${describeUnrecognised(reason)}, which this Action does not know, ` +
          'so it is left alone. Remove this definition (or its `id`), or manage the client in Genesys Cloud.',
      });
      continue;
    }
    if (found?.state === 'disabled') {
      problems.push({
        ...at(definition),
        message:
          `\`${found.name}\` (${found.id}) was disabled by Genesys support and cannot be managed. ` +
          'Remove this definition (or its `id`), or ask Genesys support to re-enable the client.',
      });
      continue;
    }
    if (found) {
      const earlier = claimedBy.get(found.id);
      if (earlier) {
        problems.push({
          ...at(definition),
          message:
            `Live client ${found.id} is already managed by the definition ` +
            `\`${earlier.name}\` (${earlier.source.file}:${earlier.source.line}). Pin ` +
            'this definition to another client with `id`, or remove one of the two.',
        });
        continue;
      }
      claimedBy.set(found.id, definition);
    }
    matches.push(found ? { definition, live: found, ...(found.id === selfId ? { self: true } : {}) } : { definition });
  }

  const undeclared: LiveClient[] = [];
  for (const client of live) {
    if (claimedBy.has(client.id) || reserved.has(client.id) || client.id === selfId || client.state === 'disabled') continue;
    const reason = leftAloneReason(client);
    if (reason) leftAlone.push(reason);
    else undeclared.push(client);
  }
  return { matches, undeclared, leftAlone, problems, warnings };
}

/** `grant type \`PKCE\`` or `state \`archived\``, for messages. */
export function describeUnrecognised(client: Extract<LeftAloneClient, { reason: 'unrecognised' }>): string {
  return `${client.field === 'state' ? 'state' : 'grant type'} \`${client.value}\``;
}

/** True when the name matches one of the `ignore` patterns (`*` matches any run of characters). */
export function isIgnored(name: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => pattern.trim() !== '' && matchesGlob(name, pattern.trim()));
}

/**
 * Whether `text` matches `pattern`, where `*` stands for any run of characters (none included). Without backtracking:
 * the first piece must start the text, the last must end it, and each piece between is taken at its leftmost place,
 * which is never worse than a later one. A regular expression of `*-*-*-…` takes exponential time on a long name.
 */
export function matchesGlob(text: string, pattern: string, ignoreCase = false): boolean {
  const subject = ignoreCase ? text.toLowerCase() : text;
  const pieces = (ignoreCase ? pattern.toLowerCase() : pattern).split('*');
  const first = pieces[0] ?? '';
  if (pieces.length === 1) return subject === first;
  const last = pieces[pieces.length - 1] ?? '';
  const end = subject.length - last.length;
  if (end < first.length || !subject.startsWith(first) || !subject.endsWith(last)) return false;
  let at = first.length;
  for (const piece of pieces.slice(1, -1)) {
    const found = subject.indexOf(piece, at);
    if (found < 0 || found + piece.length > end) return false;
    at = found + piece.length;
  }
  return true;
}
