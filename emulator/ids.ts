import { randomBytes } from 'node:crypto';

// Ids are uuid-shaped like Genesys ids but counted, so a test can predict them; the first 8 hex digits say the kind.
const KIND_PREFIX = {
  client: '00000000',
  credential: 'c0000000',
  context: 'a0000000',
} as const;

export type IdKind = keyof typeof KIND_PREFIX;

export function createIdSequence(): (kind: IdKind) => string {
  const counters: Record<IdKind, number> = { client: 0, credential: 0, context: 0 };
  return (kind) => {
    counters[kind] += 1;
    return `${KIND_PREFIX[kind]}-0000-4000-8000-${counters[kind].toString(16).padStart(12, '0')}`;
  };
}

/** Secrets and tokens are random: nothing should be able to guess them, and leak scans need unique values. */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function randomToken(): string {
  return randomBytes(48).toString('base64url');
}
