// `export` then `plan` is empty: definition files written from a live org describe it exactly (real SDK ↔ emulator).
import { hasControls } from '../../src/core/escape.js';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_DIVISIONS,
  DEFAULT_ROLES,
  DEMO_ORG,
  generateClients,
  startEmulator,
  type Emulator,
  type SeedClient,
} from '../../emulator/index.js';
import { connectGenesys } from '../../src/genesys/connect.js';
import { runExport, SCHEMA_FILE_NAME } from '../../src/modes/export.js';
import { runPlan } from '../../src/modes/plan.js';
import { aModeDeps } from '../helpers/mode-deps.js';

const PATH = 'genesys/oauth-clients';
const SCHEMA = resolve(import.meta.dirname, '../../schema/oauth-clients.schema.json');
let previousHome: string | undefined;
const temporary: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temporary.push(dir);
  return dir;
};

beforeAll(() => {
  // The SDK reads a config file under HOME: point it at an empty folder.
  previousHome = process.env.HOME;
  process.env.HOME = tempDir('gos-export-home-');
});
afterAll(() => {
  process.env.HOME = previousHome;
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The deps the CLI builds, minus the terminal: an empty environment, so an unescaped `${` would be an error. */
function depsFor(emulator: Emulator, workspace: string) {
  const openGenesys = () => connectGenesys({ ...emulator.credentials, apiUrl: emulator.url, onSecret: () => {}, sleep: async () => {} });
  return aModeDeps({ settings: { path: PATH, workspace, label: 'export-test', failOnDrift: true }, openGenesys });
}

async function exportThenPlan(emulator: Emulator) {
  const workspace = tempDir('gos-export-');
  const { deps, story: log } = depsFor(emulator, workspace);
  const exported = await runExport(deps);
  const planned = await runPlan(deps);
  return { workspace, exported, planned, log };
}

const EDGE_CLIENTS: SeedClient[] = [
  {
    name: 'disabled-by-support',
    authorizedGrantType: 'CLIENT-CREDENTIALS',
    state: 'disabled',
    roleDivisions: [{ roleId: 'role-employee', divisionId: 'div-home' }],
  },
  // Three names that make the same file name on a case-insensitive checkout.
  { name: 'Sales Bot', authorizedGrantType: 'PASSWORD', scope: ['users:readonly'] },
  { name: 'sales bot', authorizedGrantType: 'PASSWORD', scope: ['users:readonly'], state: 'inactive' },
  { name: 'SALES/BOT', authorizedGrantType: 'SAML2-BEARER', scope: ['users'] },
  { name: '../../etc/passwd', authorizedGrantType: 'CODE', registeredRedirectUri: ['https://evil.example/cb?x=1&y=2'], scope: ['users'] },
  { name: 'CON', authorizedGrantType: 'TOKEN', registeredRedirectUri: ['http://localhost:3000/'], scope: ['presence'] },
  { name: 'Price ${TOTAL} $${literal}', description: 'Uses ${NOT_SET}; see #42: yes', authorizedGrantType: 'PASSWORD', scope: ['users'] },
  {
    name: 'Café – Ünïcode 🚀',
    description: 'line one\nline two: with a colon\n# not a comment\n',
    authorizedGrantType: 'PASSWORD',
    scope: ['users'],
  },
  { name: 'null', description: 'yes', authorizedGrantType: 'PASSWORD', accessTokenValiditySeconds: 300, scope: ['1234', 'true'] },
  {
    name: 'grants everywhere',
    authorizedGrantType: 'CLIENT-CREDENTIALS',
    accessTokenValiditySeconds: 3_600_000,
    roleDivisions: [
      { roleId: 'role-scim', divisionId: '*' },
      { roleId: 'role-developer', divisionId: 'div-home' },
      { roleId: 'role-developer', divisionId: 'div-sales' },
      { roleId: 'role-employee', divisionId: 'div-support' },
    ],
  },
];

describe('export against the emulator', () => {
  let emulator: Emulator;
  beforeEach(async () => {
    const generated = generateClients(40, { seed: 11, namePrefix: 'gen-', inactiveShare: 0.3 });
    emulator = await startEmulator({ clients: [...DEMO_ORG, ...generated, ...EDGE_CLIENTS] });
  });
  afterEach(async () => {
    await emulator.close();
  });

  it('writes files that plan back to nothing, with the schema beside them, skipping the own and the disabled client', async () => {
    const { workspace, exported, planned, log } = await exportThenPlan(emulator);
    const live = emulator.listClients();
    const expected = live.filter((c) => c.id !== emulator.credentials.clientId && c.state !== 'disabled');
    expect(exported.files).toHaveLength(expected.length);
    expect(exported.skipped).toEqual([
      { name: 'disabled-by-support', reason: 'disabled by Genesys support' },
      { name: 'genesys-oauth-sync', reason: "the Action's own client" },
    ]);

    expect(planned.report.failure, log.join('\n')).toBeUndefined();
    const plan = planned.report.plan!;
    expect(plan.problems).toEqual([]);
    expect(plan.unmanaged).toEqual([]);
    expect(plan.actions.filter((a) => a.kind !== 'noop')).toEqual([]);
    expect(plan.actions).toHaveLength(expected.length);
    expect(emulator.writes()).toEqual([]);

    // Every file stays in the folder, one per client, distinct even on a case-insensitive checkout.
    expect(readdirSync(workspace)).toEqual(['genesys']);
    const written = readdirSync(join(workspace, PATH)).sort();
    expect(written).toEqual([...exported.files.map((f) => f.slice(PATH.length + 1)), SCHEMA_FILE_NAME].sort());
    expect(new Set(written.map((f) => f.toLowerCase())).size).toBe(written.length);
    expect(written).toEqual(
      expect.arrayContaining(['sales-bot.yaml', 'sales-bot-2.yaml', 'sales-bot-3.yaml', 'etc-passwd.yaml', 'con-client.yaml']),
    );

    expect(JSON.parse(readFileSync(join(workspace, PATH, SCHEMA_FILE_NAME), 'utf8'))).toEqual(JSON.parse(readFileSync(SCHEMA, 'utf8')));
    for (const file of exported.files) {
      expect(readFileSync(join(workspace, file), 'utf8').split('\n')[0]).toBe(`# yaml-language-server: $schema=./${SCHEMA_FILE_NAME}`);
    }
    const grants = readFileSync(join(workspace, PATH, 'grants-everywhere.yaml'), 'utf8');
    expect(grants).toContain('role: SCIM Integration\n    division: "*"');
    expect(grants).toMatch(/- role: Developer\n {2}- role: Developer\n {4}division: Sales/);
  });

  it('adopts in steps: a second export writes nothing new and keeps the files people edited', async () => {
    const { workspace, exported } = await exportThenPlan(emulator);
    const first = join(workspace, exported.files[0]!);
    writeFileSync(first, `# kept by hand\n${readFileSync(first, 'utf8')}`);
    const reserved = join(workspace, PATH, 'reserved.yaml');
    // A variable unset where export runs must not hide the client the file declares.
    writeFileSync(
      reserved,
      'name: agent-dashboard\nauthorized_grant_type: TOKEN\nregistered_redirect_uris:\n  - ${DASH_URL}/callback\nscopes: [users]\n',
    );
    rmSync(join(workspace, PATH, 'agent-dashboard.yaml'));

    const again = await runExport(depsFor(emulator, workspace).deps);

    expect(again.files).toEqual([]);
    expect(readFileSync(first, 'utf8')).toMatch(/^# kept by hand\n/);
    expect(again.skipped).toContainEqual({ name: 'agent-dashboard', reason: `already declared in \`${PATH}/reserved.yaml\`` });
    expect(readdirSync(join(workspace, PATH))).not.toContain('agent-dashboard.yaml');
  });

  it(
    'exports clients that share a name to separate files, ' + 'says how to make the names unique, and a rename then plans as one update',
    async () => {
      const twin = emulator.seedClient({ name: 'twin', authorizedGrantType: 'PASSWORD', scope: ['users'] });
      emulator.seedClient({ name: 'twin', authorizedGrantType: 'SAML2-BEARER', scope: ['users'] });
      const { workspace, exported, planned, log } = await exportThenPlan(emulator);
      expect(exported.files).toEqual(expect.arrayContaining([`${PATH}/twin.yaml`, `${PATH}/twin-2.yaml`]));
      expect(log.join('\n')).toMatch(
        new RegExp(
          /`twin` is the name of 2 live clients \(`genesys\/oauth-clients\/twin.yaml`, `genesys\/oauth-clients\/twin-2.yaml`\)\. /.source +
            /Definition names must be unique: rename/.source,
        ),
      );
      expect(planned.report.failure?.reason).toBe('validation-failed');

      const renamed = exported.files.find((f) => readFileSync(join(workspace, f), 'utf8').includes(`id: ${twin.id}`))!;
      writeFileSync(
        join(workspace, renamed),
        readFileSync(join(workspace, renamed), 'utf8').replace('name: twin\n', 'name: twin-legacy\n'),
      );
      const replanned = await runPlan(depsFor(emulator, workspace).deps);
      expect(replanned.report.failure).toBeUndefined();
      expect(replanned.report.plan!.actions.filter((a) => a.kind !== 'noop')).toEqual([
        expect.objectContaining({
          kind: 'update',
          id: twin.id,
          changes: [{ kind: 'scalar', field: 'name', old: 'twin', new: 'twin-legacy' }],
        }),
      ]);
    },
  );
});

describe('export with names the org shares', () => {
  it('names a role by id when two roles share its name, so the exported files plan back to nothing', async () => {
    const roles = [...DEFAULT_ROLES, { id: 'role-dev-2', name: 'Developer' }];
    const emulator = await startEmulator({
      roles,
      clients: [
        {
          name: 'twin-role-user',
          authorizedGrantType: 'CLIENT-CREDENTIALS',
          roleDivisions: [{ roleId: 'role-dev-2', divisionId: 'div-sales' }],
        },
      ],
    });
    try {
      const { workspace, exported, planned } = await exportThenPlan(emulator);
      expect(readFileSync(join(workspace, exported.files[0]!), 'utf8')).toContain('role_id: role-dev-2');
      expect(planned.report.failure).toBeUndefined();
      expect(planned.report.plan?.actions.every((a) => a.kind === 'noop')).toBe(true);
    } finally {
      await emulator.close();
    }
  });
});

describe('export round trip (property)', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(async () => {
    await emulator.close();
  });

  const text = fc.oneof(
    fc.string(),
    fc.string({ unit: 'grapheme' }),
    fc.constantFrom('${X}', '$${', 'a: b # c', 'null', '- x', '"quoted"', 'two\nlines', ' lead and trail '),
  );
  const trimmed = text.map((s) => s.trim()).filter((s) => s !== '');
  const grant = fc.record({
    roleId: fc.constantFrom(...DEFAULT_ROLES.map((r) => r.id)),
    divisionId: fc.constantFrom('*', ...DEFAULT_DIVISIONS.map((d) => d.id)),
  });
  const grantKey = (g: { roleId: string; divisionId: string }) => `${g.roleId} ${g.divisionId}`;
  const client: fc.Arbitrary<SeedClient> = fc
    .record({
      // A name with a control character is not a valid definition (SPEC §1): export skips it.
      name: trimmed.filter((value) => !hasControls(value)),
      grantType: fc.constantFrom('CODE', 'TOKEN', 'SAML2-BEARER', 'SAML2BEARER', 'PASSWORD', 'CLIENT-CREDENTIALS'),
      description: fc.option(text, { nil: undefined }),
      validity: fc.option(fc.integer({ min: 300, max: 38_880_000 }), { nil: undefined }),
      uris: fc.uniqueArray(fc.webUrl(), { minLength: 1, maxLength: 3 }),
      scopes: fc.uniqueArray(trimmed, { minLength: 1, maxLength: 4 }),
      roles: fc.uniqueArray(grant, { minLength: 1, maxLength: 4, selector: grantKey }),
      state: fc.constantFrom('active', 'inactive', 'disabled') as fc.Arbitrary<'active' | 'inactive' | 'disabled'>,
    })
    .map(({ name, grantType, description, validity, uris, scopes, roles, state }) => ({
      name,
      authorizedGrantType: grantType,
      description,
      accessTokenValiditySeconds: validity,
      state,
      ...(grantType === 'CODE' || grantType === 'TOKEN' ? { registeredRedirectUri: uris } : {}),
      ...(grantType === 'CLIENT-CREDENTIALS' ? { roleDivisions: roles } : { scope: scopes }),
    }));

  it('for any org of valid clients, export then plan is empty', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(client, { maxLength: 8, selector: (c) => c.name }), async (clients) => {
        for (const c of emulator.listClients()) if (c.id !== emulator.credentials.clientId) emulator.removeClient(c.id);
        for (const c of clients) emulator.seedClient(c);
        const { exported, planned, log } = await exportThenPlan(emulator);
        expect(exported.files).toHaveLength(clients.filter((c) => c.state !== 'disabled').length);
        expect(planned.report.failure, log.join('\n')).toBeUndefined();
        expect(planned.report.plan!.problems).toEqual([]);
        expect(planned.report.plan!.unmanaged).toEqual([]);
        expect(planned.report.plan!.actions.filter((a) => a.kind !== 'noop')).toEqual([]);
      }),
      { numRuns: 15 },
    );
  });
});
