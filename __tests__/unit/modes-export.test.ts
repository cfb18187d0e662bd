// export's files and story against a fake org: which clients get a file, with what grants, which are skipped and why,
// and what the user is told (the round trip against the emulator is in integration/export-round-trip.test.ts).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LiveClient, LiveOrg } from '../../src/core/types.js';
import type { GenesysConnection } from '../../src/genesys/contract.js';
import { runExport } from '../../src/modes/export.js';
import type { ModeSettings } from '../../src/modes/types.js';
import { aLiveClient, anOrg, clientId, divisionId, HOME, roleId, ROLES, SELF_ID } from '../helpers/builders.js';
import { aModeDeps } from '../helpers/mode-deps.js';

const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function aWorkspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gos-export-unit-'));
  temporary.push(dir);
  return dir;
}

const SELF = aLiveClient({ id: SELF_ID, name: 'genesys-oauth-sync' });

function exportFrom(org: LiveOrg, workspace: string, settings: Partial<ModeSettings> = {}) {
  let reads = 0;
  const connection = {
    readOrg: async () => {
      reads += 1;
      return structuredClone(org);
    },
  } as unknown as GenesysConnection;
  const { deps, story: log } = aModeDeps({ settings: { workspace, failOnDrift: true, ...settings }, org: connection });
  return { run: () => runExport(deps), log, reads: () => reads };
}

const web = (id: string, name: string, overrides: Partial<LiveClient> = {}) =>
  aLiveClient({
    id: clientId(id),
    name,
    authorized_grant_type: 'PASSWORD',
    scopes: ['users'],
    roles: [],
    ...overrides,
  });

describe('export', () => {
  it('writes a file per client in name order, and says which clients it skipped and why', async () => {
    const workspace = aWorkspace();
    const org = anOrg({
      clients: [
        web('live-z', 'zeta'),
        web('live-t2', 'twin', { scopes: ['presence'] }),
        web('live-gone', 'gone', { state: 'deleted' }),
        web('live-t1', 'twin'),
        web('live-soon', 'soon-gone', { dateToDelete: '2024-06-01T00:00:00Z' }),
        web('live-odd', 'odd', { unrecognised: { field: 'authorized_grant_type', value: 'JWT-BEARER' } }),
        web('live-scratch', 'scratch-1'),
        web('live-bell', 'bell\u0007'),
        web('live-off', 'off', { state: 'disabled' }),
        web('live-pad', ' twin '),
        SELF,
        web('live-a', 'alpha'),
      ],
    });
    const { run, log } = exportFrom(org, workspace, { ignore: ['scratch-*'] });

    const result = await run();

    expect(result).toEqual({
      folder: join(workspace, 'defs'),
      files: ['defs/twin.yaml', 'defs/alpha.yaml', 'defs/twin-2.yaml', 'defs/twin-3.yaml', 'defs/zeta.yaml'],
      skipped: [
        { name: 'bell\u0007', reason: 'its name has a control character, which a definition cannot hold: rename it in Genesys first' },
        { name: 'genesys-oauth-sync', reason: "the Action's own client" },
        { name: 'gone', reason: 'awaiting deletion in Genesys' },
        { name: 'odd', reason: 'its authorized_grant_type is unknown to this Action' },
        { name: 'off', reason: 'disabled by Genesys support' },
        { name: 'scratch-1', reason: 'matches `ignore`' },
        { name: 'soon-gone', reason: 'awaiting deletion in Genesys' },
      ],
    });
    expect(log).toEqual([
      'Skipped `bell\u0007`: its name has a control character, which a definition cannot hold: rename it in Genesys first.',
      "Skipped `genesys-oauth-sync`: the Action's own client.",
      'Skipped `gone`: awaiting deletion in Genesys.',
      'Skipped `odd`: its authorized_grant_type is unknown to this Action.',
      'Skipped `off`: disabled by Genesys support.',
      'Skipped `scratch-1`: matches `ignore`.',
      'Skipped `soon-gone`: awaiting deletion in Genesys.',
      '`twin` is the name of 3 live clients (`defs/twin.yaml`, `defs/twin-2.yaml`, `defs/twin-3.yaml`). ' +
        'Definition names must be unique: rename all but one in its file before running plan; the pinned `id` keeps each matched, ' +
        'and apply renames the client in Genesys.',
      'Exported 5 client(s) to `defs`.',
    ]);
    expect(readdirSync(join(workspace, 'defs')).sort()).toEqual([
      'alpha.yaml',
      'oauth-clients.schema.json',
      'twin-2.yaml',
      'twin-3.yaml',
      'twin.yaml',
      'zeta.yaml',
    ]);
    // Clients that share a name are written in the order of their ids.
    const idIn = (file: string) => /^id: (.*)$/m.exec(readFileSync(join(workspace, file), 'utf8'))?.[1];
    expect(result.files.map(idIn)).toEqual(['live-pad', 'live-a', 'live-t1', 'live-t2', 'live-z']);
    expect(readFileSync(join(workspace, 'defs/twin-3.yaml'), 'utf8')).toBe(
      '# yaml-language-server: $schema=./oauth-clients.schema.json\nname: twin\nauthorized_grant_type: PASSWORD\n' +
        'scopes:\n  - presence\nid: live-t2\n',
    );
  });

  it('names a role or division in a file only where no other role or division of the org has that name', async () => {
    const workspace = aWorkspace();
    const org = anOrg({
      roles: [...ROLES, { id: roleId('role-dev-2'), name: 'Developer' }],
      divisions: [
        HOME,
        { id: divisionId('div-sales'), name: 'Sales' },
        { id: divisionId('div-sales-2'), name: 'Sales' },
        { id: divisionId('div-support'), name: 'Support' },
      ],
      clients: [
        SELF,
        aLiveClient({
          id: clientId('live-1'),
          name: 'integration',
          roles: [
            { role_id: roleId('role-employee'), division_id: divisionId('div-support') },
            { role_id: roleId('role-dev'), division_id: divisionId('div-sales') },
            { role_id: roleId('role-admin'), division_id: divisionId('div-sales-2') },
            // A role the org no longer lists, still named on the client: the file pins its id.
            { role_id: roleId('role-retired'), division_id: '*', role_name: 'Retired' },
          ],
        }),
      ],
    });

    const result = await exportFrom(org, workspace).run();

    expect(result.files).toEqual(['defs/integration.yaml']);
    expect(readFileSync(join(workspace, 'defs/integration.yaml'), 'utf8')).toBe(
      [
        '# yaml-language-server: $schema=./oauth-clients.schema.json',
        'name: integration',
        'authorized_grant_type: CLIENT-CREDENTIALS',
        'roles:',
        '  - role: admin',
        '    division_id: div-sales-2',
        '  - role: employee',
        '    division: Support',
        '  - role_id: role-dev',
        '    division_id: div-sales',
        '  - role_id: role-retired',
        '    division: "*"',
        'id: live-1',
        '',
      ].join('\n'),
    );
  });

  it('leaves alone the clients already declared under the path, by pinned id or by trimmed name, and says where', async () => {
    const workspace = aWorkspace();
    mkdirSync(join(workspace, 'defs'));
    writeFileSync(join(workspace, 'defs/by-name.yaml'), 'name: web\nauthorized_grant_type: PASSWORD\nscopes: [users]\n');
    writeFileSync(join(workspace, 'defs/by-id.yaml'), 'name: renamed\nid: live-2\nauthorized_grant_type: PASSWORD\nscopes: [users]\n');
    writeFileSync(join(workspace, 'defs/id-only.yaml'), 'id: live-elsewhere\n');
    const org = anOrg({
      clients: [
        SELF,
        web('live-1', ' web '),
        web('live-2', 'old-name'),
        // Neither declares a client named `undefined` or with the id `undefined`.
        web('live-3', 'undefined'),
        web('undefined', 'plain'),
      ],
    });
    const { run, log } = exportFrom(org, workspace);

    const result = await run();

    expect(result.files).toEqual(['defs/plain.yaml', 'defs/undefined.yaml']);
    expect(result.skipped).toEqual([
      { name: ' web ', reason: 'already declared in `defs/by-name.yaml`' },
      { name: 'genesys-oauth-sync', reason: "the Action's own client" },
      { name: 'old-name', reason: 'already declared in `defs/by-id.yaml`' },
    ]);
    expect(log.at(-1)).toBe('Exported 2 client(s) to `defs`.');
    expect(readFileSync(join(workspace, 'defs/by-name.yaml'), 'utf8')).toBe(
      'name: web\nauthorized_grant_type: PASSWORD\nscopes: [users]\n',
    );
  });

  it('writes into the repository root when the path is `.`, naming the files as plan does', async () => {
    const workspace = aWorkspace();
    const org = anOrg({ clients: [SELF, web('live-1', 'web')] });
    const { run, log } = exportFrom(org, workspace, { path: '.' });

    const result = await run();

    expect(result).toEqual({
      folder: workspace,
      files: ['web.yaml'],
      skipped: [{ name: 'genesys-oauth-sync', reason: "the Action's own client" }],
    });
    expect(readdirSync(workspace).sort()).toEqual(['oauth-clients.schema.json', 'web.yaml']);
    expect(log.at(-1)).toBe('Exported 1 client(s) to `.`.');
  });

  it('refuses a path outside the repository before reading the org, and writes nothing', async () => {
    const workspace = aWorkspace();
    const { run, reads } = exportFrom(anOrg(), join(workspace, 'repo'), { path: '../elsewhere' });

    await expect(run()).rejects.toThrow(
      new Error(
        `\`../elsewhere\` is outside the repository \`${join(workspace, 'repo')}\`, and plan reads definitions only inside it, so it ` +
          'would refuse these files. Give a folder inside the repository, or run export from the repository that will hold them ' +
          '(or pass its root as `--workspace`). Nothing was written.',
      ),
    );
    expect(reads()).toBe(0);
    expect(readdirSync(workspace)).toEqual([]);
  });
});
