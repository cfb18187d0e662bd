// The Actions secrets and variables endpoints of the fake GitHub, for any repository and its environments. Secrets
// are stored sealed, as GitHub stores them: a test opens the box with the fake's private key. Tokens get the
// fine-grained permissions a test gives them; any other token is refused with GitHub's 403 and the
// `x-accepted-github-permissions` header that names what is missing.
import sodium from 'libsodium-wrappers';

export type Access = 'none' | 'read' | 'write';
export interface TokenPermissions {
  secrets?: Access;
  variables?: Access;
}

export interface StoredSecret {
  name: string;
  encrypted_value: string;
  key_id: string;
  created_at: string;
  updated_at: string;
}

export interface StoredVariable {
  name: string;
  value: string;
  created_at: string;
  updated_at: string;
}

export interface SecretsReply {
  status: number;
  data?: unknown;
  headers?: Record<string, string>;
}

/** Where a secret lives: a repository (`owner/name`), optionally one of its environments. */
export interface SecretScope {
  repository: string;
  environment?: string;
}

interface Box {
  keyId: string;
  publicKey: Uint8Array;
  privateKey: Uint8Array;
  secrets: Map<string, StoredSecret>;
  variables: Map<string, StoredVariable>;
}

const ACCEPTED = 'x-accepted-github-permissions';

export interface FakeActionsSecrets {
  /** Answers the request when it is one of these endpoints, else undefined. */
  handle(method: string, url: URL, body: Record<string, unknown> | undefined, token: string | undefined): SecretsReply | undefined;
  /** The stored (sealed) secret, or undefined. */
  secret(scope: SecretScope, name: string): StoredSecret | undefined;
  /** Opens the sealed box with the fake's private key. */
  open(scope: SecretScope, name: string): string | undefined;
  /** Stores a secret sealed with the scope's key, as if written at `updatedAt`. */
  seedSecret(scope: SecretScope, name: string, value: string, updatedAt?: Date): void;
  variables(scope: SecretScope): Record<string, string>;
  /** Every sealed value ever received (they are ciphertext: scans may ignore them). */
  sealedValues(): string[];
}

/** Creates the store; `now` dates writes (default: the real clock, so due dates are relative to today). */
export async function createFakeActionsSecrets(options: {
  tokens?: Record<string, TokenPermissions>;
  now?: () => Date;
}): Promise<FakeActionsSecrets> {
  await sodium.ready;
  const now = () => (options.now?.() ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const boxes = new Map<string, Box>();
  const sealed: string[] = [];
  let keyCounter = 0;
  const boxOf = (scope: SecretScope): Box => {
    const key = JSON.stringify([scope.repository.toLowerCase(), scope.environment ?? null]);
    let box = boxes.get(key);
    if (!box) {
      const pair = sodium.crypto_box_keypair();
      keyCounter += 1;
      box = {
        keyId: `${3380204578043523000 + keyCounter}`,
        publicKey: pair.publicKey,
        privateKey: pair.privateKey,
        secrets: new Map(),
        variables: new Map(),
      };
      boxes.set(key, box);
    }
    return box;
  };
  const base64 = (bytes: Uint8Array) => sodium.to_base64(bytes, sodium.base64_variants.ORIGINAL);
  const openValue = (box: Box, encrypted: string): string | undefined => {
    try {
      const bytes = sodium.from_base64(encrypted, sodium.base64_variants.ORIGINAL);
      return sodium.to_string(sodium.crypto_box_seal_open(bytes, box.publicKey, box.privateKey));
    } catch {
      return undefined;
    }
  };

  const allowed = (token: string | undefined, area: 'secrets' | 'variables', method: string): SecretsReply | undefined => {
    const need: Access = method === 'GET' ? 'read' : 'write';
    const has = (token ? options.tokens?.[token]?.[area] : undefined) ?? 'none';
    if (has === 'write' || has === need) return undefined;
    return {
      status: 403,
      data: { message: 'Resource not accessible by personal access token', documentation_url: 'https://docs.github.com/rest' },
      headers: { [ACCEPTED]: `${area}=${need}` },
    };
  };

  function handle(method: string, url: URL, body: Record<string, unknown> | undefined, token: string | undefined) {
    const match = /^\/repos\/([^/]+)\/([^/]+)(?:\/environments\/([^/]+))?\/(?:actions\/)?(secrets|variables)(?:\/([^/]+))?$/.exec(
      url.pathname,
    );
    if (!match) return undefined;
    const [, owner, repo, environment, area, item] = match as unknown as [
      string,
      string,
      string,
      string | undefined,
      'secrets' | 'variables',
      string | undefined,
    ];
    // `/repos/o/r/secrets` and `/repos/o/r/environments/e/actions/secrets` are not GitHub's paths.
    if (environment === undefined && !url.pathname.includes('/actions/')) return undefined;
    if (environment !== undefined && url.pathname.includes('/actions/')) return undefined;
    const scope = { repository: `${owner}/${repo}`, environment: environment === undefined ? undefined : decodeURIComponent(environment) };
    const refused = allowed(token, area, method);
    if (refused) return refused;
    const box = boxOf(scope);
    const name = item === undefined ? undefined : decodeURIComponent(item);
    if (area === 'secrets') return handleSecrets(box, method, url, name, body);
    return handleVariables(box, method, url, name, body);
  }

  function handleSecrets(box: Box, method: string, url: URL, name: string | undefined, body: Record<string, unknown> | undefined) {
    if (name === 'public-key' && method === 'GET') return { status: 200, data: { key_id: box.keyId, key: base64(box.publicKey) } };
    if (name === undefined && method === 'GET') return page(url, 'secrets', [...box.secrets.values()].map(withoutValue));
    if (name === undefined) return notFound();
    const upper = name.toUpperCase();
    if (method === 'GET') {
      const stored = box.secrets.get(upper);
      return stored ? { status: 200, data: withoutValue(stored) } : notFound();
    }
    if (method === 'PUT') {
      const encrypted = body?.encrypted_value;
      if (typeof encrypted !== 'string' || body?.key_id !== box.keyId || openValue(box, encrypted) === undefined) {
        return { status: 422, data: { message: 'Bad request: the value is not sealed with the current public key.' } };
      }
      sealed.push(encrypted);
      const existing = box.secrets.get(upper);
      const at = now();
      box.secrets.set(upper, {
        name: upper,
        encrypted_value: encrypted,
        key_id: box.keyId,
        created_at: existing?.created_at ?? at,
        updated_at: at,
      });
      return { status: existing ? 204 : 201, data: existing ? undefined : {} };
    }
    return notFound();
  }

  function handleVariables(box: Box, method: string, url: URL, name: string | undefined, body: Record<string, unknown> | undefined) {
    if (name === undefined && method === 'GET') return page(url, 'variables', [...box.variables.values()]);
    if (name === undefined && method === 'POST') {
      if (typeof body?.name !== 'string' || typeof body.value !== 'string') return { status: 422, data: { message: 'Invalid request.' } };
      const upper = body.name.toUpperCase();
      if (box.variables.has(upper)) return { status: 409, data: { message: 'Already exists - Variable already exists' } };
      const at = now();
      box.variables.set(upper, { name: upper, value: body.value, created_at: at, updated_at: at });
      return { status: 201, data: {} };
    }
    if (name === undefined) return notFound();
    const stored = box.variables.get(name.toUpperCase());
    if (!stored) return notFound();
    if (method === 'GET') return { status: 200, data: stored };
    if (method === 'PATCH') {
      if (typeof body?.value === 'string') Object.assign(stored, { value: body.value, updated_at: now() });
      return { status: 204 };
    }
    return notFound();
  }

  return {
    handle,
    secret: (scope, name) => {
      const stored = boxOf(scope).secrets.get(name.toUpperCase());
      return stored && { ...stored };
    },
    open: (scope, name) => {
      const box = boxOf(scope);
      const stored = box.secrets.get(name.toUpperCase());
      return stored ? openValue(box, stored.encrypted_value) : undefined;
    },
    seedSecret: (scope, name, value, updatedAt) => {
      const box = boxOf(scope);
      const at = (updatedAt ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
      const encrypted = base64(sodium.crypto_box_seal(value, box.publicKey));
      box.secrets.set(name.toUpperCase(), {
        name: name.toUpperCase(),
        encrypted_value: encrypted,
        key_id: box.keyId,
        created_at: at,
        updated_at: at,
      });
    },
    variables: (scope) => Object.fromEntries([...boxOf(scope).variables.values()].map((v) => [v.name, v.value])),
    sealedValues: () => [...sealed],
  };
}

function withoutValue(secret: StoredSecret): Omit<StoredSecret, 'encrypted_value' | 'key_id'> {
  return { name: secret.name, created_at: secret.created_at, updated_at: secret.updated_at };
}

function notFound(): SecretsReply {
  return { status: 404, data: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };
}

function page(url: URL, key: string, items: readonly unknown[]): SecretsReply {
  const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30) || 30);
  const current = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const link = (n: number, rel: string) => {
    const target = new URL(url.toString());
    target.searchParams.set('page', String(n));
    target.searchParams.set('per_page', String(perPage));
    return `<${target.toString()}>; rel="${rel}"`;
  };
  const links = [current < last ? link(current + 1, 'next') : '', current < last ? link(last, 'last') : ''].filter(Boolean);
  return {
    status: 200,
    data: { total_count: items.length, [key]: items.slice((current - 1) * perPage, current * perPage) },
    headers: links.length > 0 ? { link: links.join(', ') } : {},
  };
}
