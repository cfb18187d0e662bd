// Which secrets are due (SPEC §10): a secret is as old as the oldest of its lasting channels, and due once that age
// reaches the definition's `secret_rotation_days`. Pure: the time comes in as an argument.
import { readChannelDates } from './secret-channels.js';
import type { ClientId, Definition, DueSecret, SecretChannelState } from './types.js';

const DAY_MS = 86_400_000;

/** The due secret of one managed client, or undefined when it has no rotation period, no dated channel, or time left. */
export function findDueSecret(
  definition: Definition,
  id: ClientId,
  channels: SecretChannelState | undefined,
  now: Date | undefined,
): DueSecret | undefined {
  const rotationDays = definition.secret_rotation_days;
  if (rotationDays === undefined || !channels || !now) return undefined;
  const written = Object.values(readChannelDates(definition, channels))
    .filter((date): date is string => typeof date === 'string' && !Number.isNaN(Date.parse(date)))
    .sort((a, b) => Date.parse(a) - Date.parse(b))[0];
  // A channel that holds nothing is reconciled by the plan; one without a date cannot be aged.
  if (written === undefined) return undefined;
  const ageDays = Math.floor((now.getTime() - Date.parse(written)) / DAY_MS);
  return ageDays >= rotationDays ? { client: definition.name, id, rotationDays, writtenAt: written, ageDays } : undefined;
}
