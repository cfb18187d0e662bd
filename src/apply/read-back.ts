// After the writes, the org is read back and every written client compared with what was asked for (SPEC §7).
// Genesys is eventually consistent: its list and reads lag behind writes for seconds (the Terraform provider waits up
// to 30 s), so what still differs is read again by id, with backoff, up to a bound, before it counts as not converged.
import { quote } from '../core/escape.js';
import type { ApplyResult, ClientId, LiveClient } from '../core/types.js';
import type { GenesysConnection } from '../genesys/contract.js';
import { mapConcurrently } from '../core/bounded.js';
import { diffApplied, findDuplicateCreates, type AppliedAction } from './diff-applied.js';
import { summariseError } from './summarise-error.js';

export interface ReadBackOptions {
  /** How long to keep re-reading clients that do not match yet; 0 reads once. */
  boundMs: number;
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Reads in flight at once. */
  concurrency: number;
  log(line: string): void;
  /** Secrets of this run, cut out of any error message. */
  secrets: ReadonlySet<string>;
}

/** How long the read-back waits for Genesys to show what was written, unless told otherwise (the Terraform provider
 * waits up to 30 s too). */
export const DEFAULT_READ_BACK_MS = 30_000;
const FIRST_WAIT_MS = 250;
const MAX_WAIT_MS = 4_000;

/** Reads the written clients back until they match or the bound is spent; names what still differs. */
export async function readBack(
  org: GenesysConnection,
  applied: readonly AppliedAction[],
  options: ReadBackOptions,
): Promise<Pick<ApplyResult, 'unconverged' | 'readBackError' | 'duplicates'>> {
  const written = applied.filter(({ outcome }) => outcome.kind !== 'failed');
  if (written.length === 0) return { unconverged: [] };
  const deadline = options.now() + options.boundMs;
  try {
    // One list first: on a settled org it confirms everything in a few requests.
    const listed = (await org.readOrg()).clients;
    const live = new Map<ClientId, LiveClient>(listed.map((client) => [client.id, client]));
    // A list that does not show every client just created still lags; a rival created at the same moment is then
    // hidden too, so the names are checked once more on a list read after the wait (one more list, whatever the size).
    const lagging = written.some(({ outcome }) => outcome.kind === 'created' && !live.has(outcome.id));
    let unconverged = diffApplied(applied, [...live.values()]);
    for (let wait = FIRST_WAIT_MS; unconverged.length > 0 && options.now() + wait <= deadline; wait = Math.min(wait * 2, MAX_WAIT_MS)) {
      await options.sleep(wait);
      const pending = new Set(unconverged);
      const ids = written.flatMap(({ outcome }) => (pending.has(outcome.client) && outcome.kind !== 'failed' ? [outcome.id] : []));
      const reread = await mapConcurrently(ids, options.concurrency, async (id) => ({ id, client: await org.readClient(id) }));
      for (const { id, client } of reread) {
        if (client) live.set(id, client);
        else live.delete(id);
      }
      unconverged = diffApplied(applied, [...live.values()]);
    }
    for (const client of unconverged) options.log(`${quote(client)} does not match its definition after applying.`);
    // A second client of a name just created means another apply raced this one.
    const duplicates = findDuplicateCreates(applied, lagging ? await org.listClients() : listed);
    for (const { client, others } of duplicates)
      options.log(`${quote(client)} exists twice after creating it (also ${others.join(', ')}).`);
    return { unconverged, ...(duplicates.length > 0 ? { duplicates } : {}) };
  } catch (thrown) {
    const readBackError = summariseError(thrown, new Set(options.secrets));
    options.log(`Could not read the clients back to confirm the apply: ${readBackError.message}`);
    return { unconverged: written.map(({ outcome }) => outcome.client), readBackError };
  }
}
