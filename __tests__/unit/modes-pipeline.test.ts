// What every mode reads first (pipeline.ts) and what check says of drift (check.ts): the log a user reads, the
// problems and warnings, the failure that stops the run, and where each client is anchored.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { Problem } from '../../src/core/types.js';
import { runCheck } from '../../src/modes/check.js';
import { anchorDefinitions, loadDefinitions, planAgainstOrg, validationFailure } from '../../src/modes/pipeline.js';
import type { ModeSettings } from '../../src/modes/types.js';
import { aDefinition } from '../helpers/builders.js';
import { aLiveClient, FakeOrg } from '../helpers/fake-org.js';
import { aModeDeps } from '../helpers/mode-deps.js';

const workspaces: string[] = [];
afterAll(() => {
  for (const dir of workspaces.splice(0)) rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** A workspace whose `defs` folder holds these files (none: an empty folder). */
function workspaceWith(files: Record<string, string>): string {
  const workspace = mkdtempSync(join(tmpdir(), 'gos-pipeline-'));
  workspaces.push(workspace);
  mkdirSync(join(workspace, 'defs'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(workspace, 'defs', name), text);
  return workspace;
}

const WEB_APP = [
  'name: web-app',
  'authorized_grant_type: CODE',
  'registered_redirect_uris: [https://example.com/callback]',
  'scopes: [users:readonly]',
  '',
].join('\n');

function depsFor(workspace: string, org = new FakeOrg(), settings: Partial<ModeSettings> = {}) {
  return aModeDeps({
    settings: { workspace, label: 'prod', failOnDrift: true, ...settings },
    org,
    now: () => new Date('2026-03-01T00:00:00.000Z'),
  });
}

describe('loadDefinitions', () => {
  it('warns that an empty folder declares no client, so every live client would count as unmanaged', async () => {
    const { deps, log } = depsFor(workspaceWith({}));
    const loaded = await loadDefinitions(deps);
    const warning =
      'No client is declared under `defs` (searched for *.yaml, *.yml and *.json files, recursively), so every live ' +
      'client counts as unmanaged. If the definitions are elsewhere, point the path at their folder.';
    expect(loaded).toEqual({ definitions: [], problems: [], warnings: [{ message: warning }] });
    expect(log).toEqual(['info: Read 0 client definition(s) from 0 file(s) under `defs`.', `warning: ${warning}`]);
  });

  it('gives no such warning when a client is declared', async () => {
    const { deps } = depsFor(workspaceWith({ 'web-app.yaml': WEB_APP }));
    const loaded = await loadDefinitions(deps);
    expect(loaded.definitions.map((definition) => definition.name)).toEqual(['web-app']);
    expect(loaded.warnings).toEqual([]);
  });

  it('gives no such warning when the only file is invalid: the problem says what is wrong', async () => {
    const { deps } = depsFor(workspaceWith({ 'broken.yaml': 'name: [unclosed\n' }));
    const loaded = await loadDefinitions(deps);
    expect(loaded.definitions).toEqual([]);
    expect(loaded.problems).toHaveLength(1);
    expect(loaded.warnings).toEqual([]);
  });

  it("passes on the files' YAML warnings", async () => {
    const { deps, log } = depsFor(workspaceWith({ 'web-app.yaml': `%FOO bar\n---\n${WEB_APP}` }));
    const loaded = await loadDefinitions(deps);
    expect(loaded.warnings.map((warning) => warning.message)).toEqual(['YAML warning: Unknown directive %FOO.']);
    expect(log).toEqual([
      'info: Read 1 client definition(s) from 1 file(s) under `defs`.',
      'warning: YAML warning: Unknown directive %FOO.',
    ]);
  });

  it('names the CLI flag when the path is missing from the command line, and the input in the Action', async () => {
    const workspace = workspaceWith({});
    const fromCli = await loadDefinitions(depsFor(workspace, undefined, { path: 'nope', shell: 'cli' }).deps);
    const fromAction = await loadDefinitions(depsFor(workspace, undefined, { path: 'nope', shell: 'action' }).deps);
    expect(fromCli.problems).toEqual([
      { message: '`--path nope` does not exist in the repository; create the folder or pass `--path` with where the definitions are.' },
    ]);
    expect(fromAction.problems).toEqual([
      {
        message:
          'The `path` input `nope` does not exist in the repository; create the folder or set `path` with where the definitions are.',
      },
    ]);
  });
});

describe('validationFailure', () => {
  const inFile: Problem = { file: 'defs/a.yaml', line: 1, column: 1, message: 'bad' };
  const inSettings: Problem = { message: 'The `path` input `nope` does not exist.' };

  it('blames the settings only when no problem is in a file, and says nothing was sent to Genesys', () => {
    expect(validationFailure([inSettings])).toEqual({
      reason: 'validation-failed',
      message: '1 problem(s) with the settings; nothing was sent to Genesys. Fix them and run again.',
    });
    expect(validationFailure([inFile]).message).toBe(
      '1 problem(s) in the definitions; nothing was sent to Genesys. Fix them and run again.',
    );
    expect(validationFailure([inSettings, inFile]).message).toBe(
      '2 problem(s) in the definitions; nothing was sent to Genesys. Fix them and run again.',
    );
  });
});

describe('anchorDefinitions', () => {
  it('anchors each client at its `id:` line when pinned, else its `name:` line, else where it starts', () => {
    const at = (line: number) => ({ file: 'defs/all.yaml', line, column: 3 });
    const anchors = anchorDefinitions([
      aDefinition({ name: 'pinned', source: at(1), namePosition: at(2), idPosition: at(5) }),
      aDefinition({ name: 'named', source: at(10), namePosition: at(11) }),
      aDefinition({ name: 'bare', source: at(20) }),
    ]);
    expect(anchors).toEqual({ pinned: at(5), named: at(11), bare: at(20) });
  });
});

describe('planAgainstOrg', () => {
  it('stops before connecting when the definitions are invalid, blaming the settings for a missing path', async () => {
    const org = new FakeOrg();
    const { deps } = depsFor(workspaceWith({}), org, { path: 'nope' });
    const run = await planAgainstOrg(deps, 'plan');
    expect(run.ready).toBeUndefined();
    expect(run.report.failure).toEqual({
      reason: 'validation-failed',
      message: '1 problem(s) with the settings; nothing was sent to Genesys. Fix them and run again.',
    });
    expect(org.calls).toEqual([]);
  });

  it('reads the org and logs the plan with its counts and short hash', async () => {
    vi.spyOn(Date, 'now').mockReturnValue(1_000);
    const org = new FakeOrg([aLiveClient('live-1', { name: 'web-app', description: 'edited by hand' })]);
    const { deps, log } = depsFor(workspaceWith({ 'web-app.yaml': WEB_APP, 'api.yaml': WEB_APP.replace('web-app', 'api') }), org);
    const run = await planAgainstOrg(deps, 'plan');
    expect(run.report.failure).toBeUndefined();
    const hash = run.ready?.plan.hash ?? '';
    expect(hash.length).toBeGreaterThan(12);
    expect(log).toEqual([
      'info: Read 2 client definition(s) from 2 file(s) under `defs`.',
      'info: Read 1 live client(s), 0 role(s) and 0 division(s) from Genesys as `oauth-sync`.',
      'debug: Reading the org took 0 ms.',
      `info: Plan: 1 to create, 1 to update, 0 to delete, 0 unmanaged (hash ${hash.slice(0, 12)}).`,
    ]);
  });

  it('fails with no plan when planning finds problems, and says so instead of counts', async () => {
    const withRole = 'name: batch\nauthorized_grant_type: CLIENT-CREDENTIALS\nroles:\n  - role: employee\n';
    const { deps, log } = depsFor(workspaceWith({ 'batch.yaml': withRole }));
    const run = await planAgainstOrg(deps, 'plan');
    expect(run.ready).toBeUndefined();
    expect(run.report.failure).toEqual({
      reason: 'plan-failed',
      message: '1 problem(s) found while planning; nothing can be applied until they are fixed.',
    });
    expect(log.at(-1)).toBe('info: Planning found 1 problem(s); no plan can be applied until they are fixed.');
  });
});

describe('runCheck', () => {
  const matching = () => new FakeOrg([aLiveClient('live-1', { name: 'web-app' })]);

  it('says there is no drift when the org matches the repository, and does not fail', async () => {
    const { deps, log } = depsFor(workspaceWith({ 'web-app.yaml': WEB_APP }), matching());
    const { report } = await runCheck(deps);
    expect(report.drift).toEqual({ detected: false, changed: [], missing: [], unmanaged: [] });
    expect(report.failure).toBeUndefined();
    expect(log.at(-1)).toBe('info: No drift: the org matches the repository.');
  });

  it('fails on drift with what to do about it, counting changed and missing clients', async () => {
    const org = new FakeOrg([aLiveClient('live-1', { name: 'web-app', description: 'edited by hand' })]);
    const { deps, log } = depsFor(workspaceWith({ 'web-app.yaml': WEB_APP, 'api.yaml': WEB_APP.replace('web-app', 'api') }), org);
    const { report } = await runCheck(deps);
    expect(report.drift).toEqual({ detected: true, changed: ['web-app'], missing: ['api'], unmanaged: [] });
    expect(report.failure).toEqual({
      reason: 'drift-detected',
      message:
        "The org differs from the repository. Merge a pull request that adopts the org's values, or, to restore the " +
        "repository's, apply with auto-approve.",
    });
    expect(log.at(-1)).toBe('info: Drift: 1 changed, 1 missing.');
  });

  it('names the way this shell applies an unreviewed plan, and counts unmanaged clients as drift when pruning', async () => {
    const org = matching();
    org.clients.set('live-2' as never, aLiveClient('live-2', { name: 'hand-made' }));
    const applyUnreviewed = 'run the `restore` workflow';
    const { deps, log } = depsFor(workspaceWith({ 'web-app.yaml': WEB_APP }), org, { prune: true, applyUnreviewed });
    const { report } = await runCheck(deps);
    expect(report.drift).toEqual({ detected: true, changed: [], missing: [], unmanaged: ['hand-made'] });
    expect(report.failure?.message).toBe(
      "The org differs from the repository. Merge a pull request that adopts the org's values, or, to restore the " +
        "repository's, run the `restore` workflow.",
    );
    expect(log.at(-1)).toBe('info: Drift: 0 changed, 0 missing, 1 unmanaged.');
  });

  it('reports drift without failing when fail-on-drift is off', async () => {
    const org = new FakeOrg([aLiveClient('live-1', { name: 'web-app', description: 'edited by hand' })]);
    const { deps } = depsFor(workspaceWith({ 'web-app.yaml': WEB_APP }), org, { failOnDrift: false });
    const { report } = await runCheck(deps);
    expect(report.drift?.detected).toBe(true);
    expect(report.failure).toBeUndefined();
  });
});
