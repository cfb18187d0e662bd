// `drift-pr: true` as a scheduled workflow sees it (dist/index.js against the emulator and the fake GitHub): one pull
// request that adopts the org's values, kept current while the drift lasts, closed when it is gone.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseMarker } from '../../src/report/marker.js';
import { MERGE_SHA, pushMerge, writeLines } from '../helpers/e2e-apply.js';
import { everythingVisible, useWorld } from '../helpers/e2e-world.js';
import { pushEvent, scheduleEvent, type ActionRun } from '../helpers/run-action.js';

const FILE = 'genesys/oauth-clients/agent-dashboard.yaml';
const world = useWorld();
const runs: ActionRun[] = [];
beforeEach(() => {
  runs.length = 0;
});

async function check(): Promise<ActionRun> {
  const run = await world.run({ eventName: 'schedule', payload: scheduleEvent(), inputs: { 'drift-pr': 'true' } });
  runs.push(run);
  return run;
}

function dashboardId(): string {
  return world.emulator.listClients().find((client) => client.name === 'agent-dashboard')!.id;
}

describe('check with drift-pr (dist/index.js)', () => {
  it('opens one pull request that adopts exactly the drifted values, keeps it current, and closes it when drift is gone', async () => {
    const applied = await world.run({ eventName: 'push', payload: pushEvent(), inputs: { mode: 'apply', 'auto-approve': 'true' } });
    expect(applied.code, applied.stdout).toBe(0);
    const original = readFileSync(join(world.workspace, FILE), 'utf8');
    world.emulator.editClient(dashboardId(), { description: 'Edited by hand in the admin UI.', scope: ['users', 'presence:readonly'] });

    const drifted = await check();
    expect(drifted.outputs['failure-reason']).toBe('drift-detected');
    const [pull] = world.github.git.pulls;
    expect(world.github.git.pulls).toHaveLength(1);
    expect(pull).toMatchObject({
      state: 'open',
      base: 'main',
      head: expect.stringMatching(/^genesys-oauth-sync\/adopt\/127\.0\.0\.1-\d+-e0000000\/genesys\/oauth-clients$/),
    });
    expect(drifted.outputs['pull-request-url']).toBe(pull!.html_url);
    // The branch changes one file: the drifted client's, with the org's values and everything else as written.
    const changed = world.github.git.changedFiles(pull!.head)!;
    expect(Object.keys(changed)).toEqual([FILE]);
    const adopted = changed[FILE]!;
    expect(adopted.split('\n').slice(0, 2)).toEqual(original.split('\n').slice(0, 2));
    expect(Object.keys(parse(adopted))).toEqual(Object.keys(parse(original)));
    expect(parse(adopted)).toEqual({
      ...parse(original),
      description: 'Edited by hand in the admin UI.',
      scopes: ['presence:readonly', 'users'],
    });
    expect(world.github.git.commitOf(pull!.head)?.parents).toEqual(['a'.repeat(40)]);
    // Body: what merging means and how to revert instead; the plan comment is the empty plan, with the plan marker.
    expect(pull!.body).toContain('Merging this pull request makes the repository say what the org has now');
    expect(pull!.body).toContain('To revert the org instead');
    expect(pull!.body).toContain('`description`: repository says');
    const [planComment] = world.github.comments(pull!.number);
    expect(parseMarker(planComment!.body)).toMatchObject({ kind: 'plan', status: 'planned' });
    expect(planComment!.body).toContain('**No changes.**');
    // The drift issue links it.
    const [issue] = world.github.issues();
    expect(issue!.body).toContain(`**Pull request [#${pull!.number}](${pull!.html_url}) adopts the org's values**`);

    // The same drift again: the same commit, no force-push.
    const tip = world.github.git.refs.get(pull!.head);
    await check();
    expect(world.github.git.refs.get(pull!.head)).toBe(tip);

    world.emulator.editClient(dashboardId(), { accessTokenValiditySeconds: 600 });
    const more = await check();
    expect(world.github.git.refs.get(pull!.head)).not.toBe(tip);
    expect(world.github.git.pulls).toHaveLength(1);
    expect(more.outputs['pull-request-url']).toBe(pull!.html_url);
    expect(parse(world.github.git.changedFiles(pull!.head)![FILE]!)).toMatchObject({ access_token_validity_seconds: 600 });
    expect(world.github.comments(pull!.number)).toHaveLength(1);

    // Merged: the workspace holds the adopted file, GitHub knows the merge commit, and apply writes nothing.
    for (const [path, text] of Object.entries(world.github.git.changedFiles(pull!.head)!)) {
      mkdirSync(dirname(join(world.workspace, path)), { recursive: true });
      writeFileSync(join(world.workspace, path), text);
    }
    world.github.addPullForCommit(MERGE_SHA, { number: pull!.number, merged: true });
    const writesBefore = writeLines(world).length;
    const merged = await pushMerge(world);
    expect(merged.code, merged.stdout).toBe(0);
    expect(writeLines(world)).toHaveLength(writesBefore);

    const gone = await check();
    expect(gone.code, gone.stdout).toBe(0);
    expect(world.github.git.pulls[0]!.state).toBe('closed');
    expect(world.github.git.refs.has(pull!.head)).toBe(false);
    expect(world.github.comments(pull!.number).at(-1)!.body).toMatch(/No drift any more/);

    for (const run of runs) for (const secret of world.sentinels()) expect(everythingVisible(world, run)).not.toContain(secret);
  });

  it('leaves the pull request alone while the plan fails on the org (a second client took a declared name)', async () => {
    world.emulator.editClient(dashboardId(), { description: 'Edited by hand in the admin UI.' });
    await check();
    const [pull] = world.github.git.pulls;
    expect(pull?.state).toBe('open');
    world.emulator.seedClient({
      name: 'agent-dashboard',
      authorizedGrantType: 'TOKEN',
      registeredRedirectUri: ['https://x.example.com/'],
      scope: ['users'],
    });
    const failed = await check();
    expect(failed.outputs['failure-reason']).toBe('plan-failed');
    expect(world.github.git.pulls).toMatchObject([{ number: pull!.number, state: 'open' }]);
    expect(world.github.git.refs.has(pull!.head)).toBe(true);
  });

  it('without contents: write still reports drift, and the issue says which permission to add', async () => {
    world.github.failWith('POST', /\/git\/blobs$/, 403, 'Resource not accessible by integration');
    const run = await check();
    expect(run.outputs['failure-reason']).toBe('drift-detected');
    expect(run.outputs['pull-request-url']).toBeUndefined();
    const [issue] = world.github.issues();
    expect(issue!.body).toContain('The drift pull request could not be written');
    expect(issue!.body).toContain('Add `contents: write` under `permissions:`');
    expect(run.stdout).toMatch(/::warning::The drift pull request could not be written/);
  });
});
