// Realistic, varied seed clients for the benchmark and big-org tests, the same for the same seed.
import { DEFAULT_DIVISIONS, DEFAULT_ROLES } from './defaults.js';
import type { EmulatedState, RoleDivision, SeedClient } from './types.js';

export interface GenerateClientsOptions {
  /** Same seed, same clients; default 1. */
  seed?: number;
  /** Roles to grant from; default the emulator's default roles. */
  roles?: readonly { id: string }[];
  /** Divisions to grant in; default the emulator's default divisions. */
  divisions?: readonly { id: string }[];
  /** Put before every name, to keep generated clients apart from hand-made ones. */
  namePrefix?: string;
  /** Share of clients in state inactive; default 0.1. */
  inactiveShare?: number;
}

const TEAMS = [
  'sales',
  'support',
  'wfm',
  'billing',
  'crm',
  'analytics',
  'qa',
  'ivr',
  'reporting',
  'identity',
  'telephony',
  'routing',
  'recording',
  'chat',
  'email',
];
const PURPOSES = [
  'sync',
  'export',
  'bot',
  'dashboard',
  'connector',
  'integration',
  'webhook',
  'etl',
  'portal',
  'scheduler',
  'archiver',
  'importer',
];
const ENVIRONMENTS = ['prod', 'staging', 'dev', ''];
const SCOPES = [
  'analytics',
  'conversations',
  'users:readonly',
  'routing',
  'presence',
  'notifications',
  'authorization:readonly',
  'outbound',
  'recordings:readonly',
  'integrations:readonly',
];
const VALIDITIES = [300, 900, 1800, 3600, 43_200, 86_400, 86_400, 86_400, 172_800];
const GRANT_WEIGHTS: readonly [string, number][] = [
  ['CLIENT-CREDENTIALS', 0.5],
  ['CODE', 0.2],
  ['TOKEN', 0.1],
  ['PASSWORD', 0.1],
  ['SAML2-BEARER', 0.1],
];
const FIRST_CREATED = Date.UTC(2023, 0, 1);
const DAY_MS = 86_400_000;

interface Random {
  next(): number;
  int(maxExclusive: number): number;
  pick<T>(items: readonly T[]): T;
  sample<T>(items: readonly T[], count: number): T[];
}

/** mulberry32: tiny, fast and good enough to vary test data. */
function createRandom(seed: number): Random {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (maxExclusive: number): number => Math.floor(next() * maxExclusive);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  const sample = <T>(items: readonly T[], count: number): T[] => {
    const pool = [...items];
    const out: T[] = [];
    while (out.length < count && pool.length > 0) out.push(pool.splice(int(pool.length), 1)[0] as T);
    return out;
  };
  return { next, int, pick, sample };
}

function pickGrantType(random: Random): string {
  let roll = random.next();
  for (const [grantType, weight] of GRANT_WEIGHTS) {
    roll -= weight;
    if (roll < 0) return grantType;
  }
  return 'CLIENT-CREDENTIALS';
}

function pickRoleDivisions(random: Random, roles: readonly { id: string }[], divisions: readonly { id: string }[]): RoleDivision[] {
  const chosen = random.sample(roles, 1 + random.int(Math.min(3, roles.length)));
  return chosen.map((role) => ({
    roleId: role.id,
    // A quarter of grants span all divisions, as admins often do.
    divisionId: random.next() < 0.25 || divisions.length === 0 ? '*' : random.pick(divisions).id,
  }));
}

function buildName(random: Random, prefix: string, taken: Set<string>, index: number): { name: string; team: string; purpose: string } {
  const team = random.pick(TEAMS);
  const purpose = random.pick(PURPOSES);
  const environment = random.pick(ENVIRONMENTS);
  const base = `${prefix}${team}-${purpose}${environment ? `-${environment}` : ''}`;
  const name = taken.has(base) ? `${base}-${index + 1}` : base;
  taken.add(name);
  return { name, team, purpose };
}

/** Makes n varied clients (mixed grant types, scopes, roles across divisions, some `*`), deterministically from a seed. */
export function generateClients(n: number, options: GenerateClientsOptions = {}): SeedClient[] {
  const random = createRandom(options.seed ?? 1);
  const roles = options.roles ?? DEFAULT_ROLES;
  const divisions = options.divisions ?? DEFAULT_DIVISIONS;
  const inactiveShare = options.inactiveShare ?? 0.1;
  const taken = new Set<string>();
  const clients: SeedClient[] = [];
  for (let index = 0; index < n; index += 1) {
    const { name, team, purpose } = buildName(random, options.namePrefix ?? '', taken, index);
    const authorizedGrantType = pickGrantType(random);
    const state: EmulatedState = random.next() < inactiveShare ? 'inactive' : 'active';
    const client: SeedClient = {
      name,
      authorizedGrantType,
      description: random.next() < 0.7 ? `${purpose} for the ${team} team` : '',
      accessTokenValiditySeconds: random.pick(VALIDITIES),
      state,
      dateCreated: new Date(FIRST_CREATED + random.int(900) * DAY_MS).toISOString(),
    };
    if (authorizedGrantType === 'CLIENT-CREDENTIALS') {
      client.roleDivisions = pickRoleDivisions(random, roles, divisions);
    } else {
      client.scope = random.sample(SCOPES, 1 + random.int(4)).sort();
    }
    if (authorizedGrantType === 'CODE' || authorizedGrantType === 'TOKEN') {
      const uris = [
        `https://${team}.example.com/oauth/callback`,
        `https://${team}-${purpose}.example.org/auth`,
        `http://localhost:${3000 + random.int(100)}/callback`,
      ];
      client.registeredRedirectUri = uris.slice(0, 1 + random.int(uris.length));
    }
    clients.push(client);
  }
  return clients;
}
