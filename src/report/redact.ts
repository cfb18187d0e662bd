// The renderer's last line of defence: runner masking covers logs, never comment or issue bodies.
import { escapeHtml } from './markdown.js';

export const REDACTED = '***';
/**
 * Shorter values would redact ordinary words all over a report (a placeholder secret `client` would turn
 * `genesys/oauth-clients` into `genesys/oauth-***s`); generated secrets and tokens are far longer.
 */
export const MIN_SECRET_LENGTH = 8;

/** Replaces every occurrence of each secret, and of its encoded forms, with `***`. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    for (const form of encodedForms(secret)) {
      if (form.length >= MIN_SECRET_LENGTH) forms.add(form);
    }
  }
  // Longest first, so a form that contains another is replaced whole rather than leaving pieces behind.
  const ordered = [...forms].sort((a, b) => b.length - a.length);
  let redacted = text;
  for (const form of ordered) redacted = redacted.split(form).join(REDACTED);
  return redacted;
}

/** A copy of plain data (a report, a plan) with every secret redacted from every string in it, keys included. */
export function redactValue<T>(value: T, secrets: readonly string[]): T {
  if (typeof value === 'string') return redactSecrets(value, secrets) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => redactValue(item, secrets)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [redactSecrets(key, secrets), redactValue(item, secrets)])) as T;
  }
  return value;
}

// The forms a secret takes on its way into Markdown: as is, in a header, in a URL, in JSON and in escaped HTML.
function encodedForms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const base64 = bytes.toString('base64');
  return [
    secret,
    base64,
    base64.replace(/=+$/, ''),
    bytes.toString('base64url'),
    encodeURIComponent(secret),
    encodeURI(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
    JSON.stringify(secret).slice(1, -1),
    escapeHtml(secret),
  ];
}
