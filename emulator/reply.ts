// What a handler answers; the server writes it (or swaps it for a fault) afterwards.
import type { IncomingMessage } from 'node:http';
import type { OrgState } from './org-state.js';
import type { Realism } from './realism.js';
import type { EmulatedClient } from './types.js';

export interface Reply {
  status: number;
  /** JSON-serialised; `undefined` or `''` send an empty body, any other string is sent as text. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ApiRequest {
  method: string;
  /** Decoded path segments after `/api/v2/`. */
  segments: string[];
  params: Record<string, string>;
  query: Record<string, string>;
  /** Parsed JSON body, or undefined when there was none. */
  body: unknown;
  caller: EmulatedClient;
  org: OrgState;
  legacyListing: boolean;
  /** Lag, soft delete and the other behaviours of real orgs (realism.ts). */
  realism: Realism;
}

export function json(status: number, body: unknown): Reply {
  return { status, body };
}

export function noContent(): Reply {
  return { status: 204 };
}

const MAX_BODY_BYTES = 1_048_576;

/** Reads the whole request body as text; a body beyond 1 MiB is cut off, as no OAuth client request is that big. */
export async function readBodyText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size <= MAX_BODY_BYTES) chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Query parameters as the SDK sends them: repeated keys joined with commas, like its array serialisation. */
export function readQuery(params: URLSearchParams): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of params) query[key] = key in query ? `${query[key]},${value}` : value;
  return query;
}
