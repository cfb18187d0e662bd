// The `review-key` HMAC (SPEC §4): a plan marker signed for one pull request at one head commit. The Action's own
// authorship of a comment proves little (a collaborator can edit it); a signature proves the Action wrote these
// exact fields, for this pull request and this commit, with a key only its workflows hold.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a signature binds the marker to, besides the marker's own fields (label, hash, clients, status, …). */
export interface ReviewSubject {
  pullRequest: number;
  headSha: string;
}

/** Hex HMAC-SHA256 over the marker's fields (whatever they are, `sig` aside), the pull request and the head commit. */
export function signReview(key: string, fields: object, subject: ReviewSubject): string {
  const { sig: _ignored, ...signed } = fields as Record<string, unknown>;
  const text = canonicalJson({ ...signed, pullRequest: subject.pullRequest, headSha: subject.headSha });
  return createHmac('sha256', key).update(text).digest('hex');
}

/** True when `fields.sig` is the signature `signReview` gives; compared in constant time. */
export function verifyReview(key: string, fields: object, subject: ReviewSubject): boolean {
  const given = (fields as { sig?: unknown }).sig;
  if (typeof given !== 'string' || !/^[0-9a-f]{64}$/.test(given)) return false;
  return timingSafeEqual(Buffer.from(given, 'hex'), Buffer.from(signReview(key, fields, subject), 'hex'));
}

// Keys sorted at every level, so the same fields always give the same text however they were built or parsed.
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
