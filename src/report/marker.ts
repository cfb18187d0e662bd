// The hidden, machine-readable first line of every comment and issue we write: how we find our own text again.
import { isRecord } from '../core/plain-data.js';

export const MARKER_TOOL = 'genesys-oauth-sync';
export const MARKER_VERSION = 1;
/** Per-client digests beyond this many characters of JSON are left out, so the marker never crowds the comment. */
export const MARKER_CLIENTS_LIMIT = 24_576;

export type MarkerKind = 'plan' | 'drift';

export interface MarkerData {
  tool: typeof MARKER_TOOL;
  version: typeof MARKER_VERSION;
  kind: MarkerKind;
  label: string;
  /** The plan hash (of the normalised change set). */
  hash?: string;
  /** Client name → `kind:digest` of its action; omitted when too big. */
  clients?: Record<string, string>;
  /** Where the comment's story stands: `planned`, `applying`, `applied`, `drift`, … */
  status?: string;
  /** While `applying`: the clients the run is creating, so the next run can tell an interrupted one's. */
  creates?: string[];
  /** With `review-key`: the HMAC over the other fields, the pull request and its head commit (`core/review-signature`). */
  sig?: string;
}

// Anchored at a line start so a reply that quotes our comment (`> <!-- …`) is never taken for ours.
const MARKER_PATTERN = /^[ \t]*<!-- genesys-oauth-sync (\{[^\n]*?\}) -->/gm;

/** `<!-- genesys-oauth-sync {compact JSON} -->`, with `<` and `>` escaped so no value can end the comment early. */
export function renderMarker(data: MarkerData, sign?: (fields: MarkerData) => string): string {
  const fields: MarkerData = { tool: MARKER_TOOL, version: MARKER_VERSION, kind: data.kind, label: data.label };
  if (data.hash !== undefined) fields.hash = data.hash;
  if (data.clients !== undefined && JSON.stringify(data.clients).length <= MARKER_CLIENTS_LIMIT) fields.clients = data.clients;
  if (data.status !== undefined) fields.status = data.status;
  if (data.creates !== undefined) fields.creates = data.creates;
  // Signed as rendered: a field left out above (digests too big) is left out of the signature too.
  if (sign) fields.sig = sign(fields);
  else if (data.sig !== undefined) fields.sig = data.sig;
  const json = JSON.stringify(fields).replace(/</g, '\\u003c').replace(/>/g, '\\u003e');
  return `<!-- ${MARKER_TOOL} ${json} -->`;
}

/** The first valid marker of ours in `body`, ignoring other text, other tools' markers and garbage. */
export function parseMarker(body: string): MarkerData | undefined {
  for (const match of body.matchAll(MARKER_PATTERN)) {
    const data = toMarkerData(parseJson(match[1] ?? ''));
    if (data) return data;
  }
  return undefined;
}

/** Our marker in `body` when it is of this kind and label: how a comment or issue of ours is recognised. */
export function findMarker(body: string, kind: MarkerKind, label: string): MarkerData | undefined {
  const marker = parseMarker(body);
  return marker?.kind === kind && marker.label === label ? marker : undefined;
}

/** `body` with a marker of this kind and label in front, unless it has one: without it, the next run could not find it. */
export function withMarker(body: string, kind: MarkerKind, label: string): string {
  if (findMarker(body, kind, label)) return body;
  return `${renderMarker({ tool: MARKER_TOOL, version: MARKER_VERSION, kind, label })}\n${body}`;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toMarkerData(value: unknown): MarkerData | undefined {
  if (!isRecord(value)) return undefined;
  const { tool, version, kind, label, hash, clients, status, creates, sig } = value;
  if (tool !== MARKER_TOOL || version !== MARKER_VERSION) return undefined;
  if ((kind !== 'plan' && kind !== 'drift') || typeof label !== 'string') return undefined;
  const data: MarkerData = { tool, version, kind, label };
  if (typeof hash === 'string') data.hash = hash;
  if (isRecord(clients) && Object.values(clients).every((digest) => typeof digest === 'string')) {
    data.clients = clients as Record<string, string>;
  }
  if (typeof status === 'string') data.status = status;
  if (Array.isArray(creates) && creates.every((name) => typeof name === 'string')) data.creates = creates as string[];
  if (typeof sig === 'string') data.sig = sig;
  return data;
}
