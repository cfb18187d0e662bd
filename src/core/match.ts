// Pairs each definition with the live client it manages (SPEC §2): by pinned id, else by exact name; an ambiguous
// name is an error for that definition, never a guess.
import type { ClientId, Definition, LiveClient, Problem } from './types.js';

export interface Match {
  definition: Definition;
  /** Absent when the client is missing from the org and will be created. */
  live?: LiveClient;
}

export interface MatchResult {
  matches: Match[];
  /** Live clients no definition claimed, minus the Action's own client and support-disabled ones. */
  undeclared: LiveClient[];
  problems: Problem[];
  warnings: Problem[];
}

/** Matches definitions to live clients and reports ambiguity, self-protection and disabled clients. */
export function matchClients(definitions: readonly Definition[], live: readonly LiveClient[], selfId: ClientId): MatchResult {
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
          message: `Pinned id \`${definition.id}\` does not exist in the org, but a live client named \`${definition.name}\` does (id ${namesake.id}). Correct the \`id\`, or remove it to match by name.`,
        });
        reserved.add(namesake.id);
        continue;
      }
      if (!found) {
        warnings.push({
          ...atId(definition),
          message: `Pinned id \`${definition.id}\` does not exist in the org: a new client will be created with a new id. Update \`id\` after the apply.`,
        });
      }
    } else {
      const candidates = byName.get(definition.name) ?? [];
      if (candidates.length > 1) {
        problems.push({
          ...at(definition),
          message: `${candidates.length} live clients are named \`${definition.name}\` (${candidates.map((c) => c.id).join(', ')}). Pin one with \`id\`.`,
        });
        for (const candidate of candidates) reserved.add(candidate.id);
        continue;
      }
      found = candidates[0];
    }

    if (found?.id === selfId) {
      problems.push({
        ...at(definition),
        message: `\`${definition.name}\` is the OAuth client this Action authenticates as; the Action never changes or deletes its own client. Remove this definition or run with another client.`,
      });
      continue;
    }
    if (found?.state === 'disabled') {
      problems.push({
        ...at(definition),
        message: `\`${found.name}\` (${found.id}) was disabled by Genesys support and cannot be managed. Remove this definition (or its \`id\`), or ask Genesys support to re-enable the client.`,
      });
      continue;
    }
    if (found) {
      const earlier = claimedBy.get(found.id);
      if (earlier) {
        problems.push({
          ...at(definition),
          message: `Live client ${found.id} is already managed by the definition \`${earlier.name}\` (${earlier.source.file}:${earlier.source.line}). Pin this definition to another client with \`id\`, or remove one of the two.`,
        });
        continue;
      }
      claimedBy.set(found.id, definition);
    }
    matches.push(found ? { definition, live: found } : { definition });
  }

  const undeclared = live.filter(
    (client) => !claimedBy.has(client.id) && !reserved.has(client.id) && client.id !== selfId && client.state !== 'disabled',
  );
  return { matches, undeclared, problems, warnings };
}

/** True when the name matches one of the `ignore` patterns (`*` matches any run of characters). */
export function isIgnored(name: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => {
    const source = pattern
      .trim()
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    return source !== '' && new RegExp(`^${source}$`).test(name);
  });
}
