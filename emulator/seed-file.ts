// `npm run emulator -- --seed org.json`: an org of your own. The file lists clients in the Platform API's shape (what
// `GET /api/v2/oauth/clients` returns), as `{ "clients": [...] }` or a bare list.
import { readFileSync } from 'node:fs';
import type { SeedClient } from './types.js';

const KEYS = new Set([
  'id',
  'name',
  'authorizedGrantType',
  'description',
  'accessTokenValiditySeconds',
  'registeredRedirectUri',
  'scope',
  'roleDivisions',
  'state',
  'dateCreated',
  'secret',
]);

/** Reads and checks a seed file; throws an Error that names the file and the client at fault. */
export function readSeedFile(path: string): SeedClient[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error: unknown) {
    throw new Error(`Could not read the seed file ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { clients?: unknown } | null)?.clients;
  if (!Array.isArray(list)) throw new Error(`The seed file ${path} must hold a list of clients, or { "clients": [ … ] }.`);
  return list.map((entry: unknown, index) => {
    const where = `${path}: clients[${index}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw new Error(`${where} must be an object.`);
    const client = entry as Record<string, unknown>;
    for (const key of Object.keys(client))
      if (!KEYS.has(key)) throw new Error(`${where} has an unknown key \`${key}\`; known: ${[...KEYS].join(', ')}.`);
    if (typeof client.name !== 'string' || typeof client.authorizedGrantType !== 'string')
      throw new Error(`${where} needs \`name\` and \`authorizedGrantType\` (e.g. "CLIENT-CREDENTIALS").`);
    return client as unknown as SeedClient;
  });
}
