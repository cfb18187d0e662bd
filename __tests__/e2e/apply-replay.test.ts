// A review cannot be replayed (SPEC §4): not by re-running an older apply, not by re-running a merged pull request's
// plan, not by applying a plan a second time, and (with `review-key`) not by editing the Action's own comment.
import { describe, expect, it } from 'vitest';
import type { EmulatedClient } from '../../emulator/index.js';
import { useWorld } from '../helpers/e2e-world.js';
import {
  MERGE_SHA,
  PR_NUMBER,
  clientsByName,
  markerOf,
  onlyComment,
  planAndMerge,
  planPullRequest,
  pushMerge,
  rerunPush,
  writeDefinition,
} from '../helpers/e2e-apply.js';
import { pullRequestEvent } from '../helpers/run-action.js';

const LATER_SHA = 'beef'.padEnd(40, '0');
const REVIEW_KEY = 'SENTINEL-review-key-0b9d2c';

const world = useWorld();

/** Puts the org back as it was: the clients created since removed, the others restored field by field. */
function restoreOrg(before: EmulatedClient[]): void {
  const ids = new Set(before.map((client) => client.id));
  for (const client of world.emulator.listClients()) if (!ids.has(client.id)) world.emulator.removeClient(client.id);
  for (const { id, dateModified: _m, selfUri: _s, secret: _x, createdBy: _c, modifiedBy: _b, ...fields } of before)
    world.emulator.editClient(id, fields);
}

describe('a review is applied once, for the newest commit only', () => {
  it('refuses a re-run of an older merge commit with not-latest, writes nothing and leaves its comment alone', async () => {
    await planAndMerge(world);
    const reviewed = onlyComment(world);
    world.github.setBranch('main', LATER_SHA); // a later pull request was merged since
    world.emulator.resetLog();

    for (const inputs of [{}, { 'auto-approve': 'true' }] as Record<string, string>[]) {
      const run = await rerunPush(world, inputs);
      expect(run.code).not.toBe(0);
      expect(run.outputs['failure-reason']).toBe('not-latest');
      expect(run.summary).toContain('a newer commit is on the default branch');
      expect(run.stdout).toContain(`is now at \`${LATER_SHA.slice(0, 12)}\``);
    }
    expect(world.emulator.writes()).toEqual([]);
    expect(onlyComment(world)).toBe(reviewed);
  });

  it('writes nothing when GitHub cannot say which commit is the tip (not-latest, with the permission to add)', async () => {
    await planAndMerge(world);
    world.github.failWith('GET', /\/git\/ref\//, 403, 'Resource not accessible by integration');
    world.emulator.resetLog();

    const run = await pushMerge(world);

    expect(run.code).not.toBe(0);
    expect(run.outputs['failure-reason']).toBe('not-latest');
    expect(run.summary).toContain('`contents: read`');
    expect(world.emulator.writes()).toEqual([]);
  });

  it('never rewrites the plan comment of a merged pull request when its plan job is re-run', async () => {
    await planAndMerge(world);
    expect((await pushMerge(world)).code).toBe(0);
    const applied = onlyComment(world);
    // The re-run checks out the pull request's old commit: definitions that no longer match the org.
    writeDefinition(
      world,
      'ci-deployer.yaml',
      'name: ci-deployer\nauthorized_grant_type: CLIENT-CREDENTIALS\nroles: [{ role: Developer }]\n',
    );

    const rerun = await world.run({ eventName: 'pull_request', payload: pullRequestEvent(PR_NUMBER) });

    expect(rerun.code, rerun.stdout + rerun.stderr).toBe(0);
    expect(rerun.outputs['has-changes']).toBe('true');
    expect(onlyComment(world)).toBe(applied);
    expect(rerun.stdout).toContain(`Pull request #${PR_NUMBER} is merged`);
  });

  it('never rewrites the comment from a re-run for a commit the pull request has moved past', async () => {
    await planPullRequest(world);
    const current = onlyComment(world);
    world.github.setPull({ number: PR_NUMBER, headSha: 'f00d'.padEnd(40, '0') });
    writeDefinition(
      world,
      'ci-deployer.yaml',
      'name: ci-deployer\nauthorized_grant_type: CLIENT-CREDENTIALS\nroles: [{ role: Developer }]\n',
    );

    const rerun = await world.run({ eventName: 'pull_request', payload: pullRequestEvent(PR_NUMBER) });

    expect(rerun.code).toBe(0);
    expect(onlyComment(world)).toBe(current);
  });

  it('never applies a plan whose comment says applied, though the org went back to what was reviewed', async () => {
    const before = world.emulator.listClients();
    await planAndMerge(world);
    expect((await pushMerge(world)).code).toBe(0);
    const applied = onlyComment(world);
    expect(markerOf(applied).status).toBe('applied');
    restoreOrg(before); // someone undid the whole change in the Genesys UI
    world.emulator.resetLog();

    const rerun = await pushMerge(world);

    expect(rerun.code).not.toBe(0);
    expect(rerun.outputs['failure-reason']).toBe('not-reviewed');
    expect(rerun.summary).toContain('already applied');
    expect(world.emulator.writes()).toEqual([]);
    expect(onlyComment(world)).toBe(applied);
  });
});

describe('review-key', () => {
  it('applies a plan signed with the key, and the comment stays signed', async () => {
    await planAndMerge(world, { 'review-key': REVIEW_KEY });
    expect(markerOf(onlyComment(world)).sig).toMatch(/^[0-9a-f]{64}$/);

    const push = await pushMerge(world, { 'review-key': REVIEW_KEY });

    expect(push.code, push.stdout + push.stderr).toBe(0);
    expect(markerOf(onlyComment(world))).toMatchObject({ status: 'applied', sig: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(push.stdout).toContain(`::add-mask::${REVIEW_KEY}`);
    const visible = [...Object.values(push.channels), ...world.github.requests.map((r) => JSON.stringify(r.body ?? ''))].join('\n');
    expect(visible).not.toContain(REVIEW_KEY);
  });

  it("refuses a bot comment edited to carry another plan's hash", async () => {
    await planPullRequest(world, { 'review-key': REVIEW_KEY });
    // A collaborator adds a privileged client after review and pastes its plan's hash into the bot's own comment.
    writeDefinition(
      world,
      'admin-bot.yaml',
      'name: admin-bot\nauthorized_grant_type: CLIENT-CREDENTIALS\nroles: [{ role: admin, division: "*" }]\n',
    );
    const other = await world.run({ eventName: 'pull_request', payload: pullRequestEvent(99), inputs: { comment: 'never' } });
    const comment = world.github.comments(PR_NUMBER)[0]!;
    const reviewedHash = markerOf(comment.body).hash!;
    world.github.editComment(comment.id, comment.body.replaceAll(reviewedHash, other.outputs['plan-hash']!));
    world.github.addPullForCommit(MERGE_SHA, { number: PR_NUMBER, merged: true });
    world.emulator.resetLog();

    const push = await pushMerge(world, { 'review-key': REVIEW_KEY });

    expect(push.code, push.stdout).not.toBe(0);
    expect(push.outputs['failure-reason']).toBe('not-reviewed');
    expect(push.summary).toContain('review-key');
    expect(world.emulator.writes()).toEqual([]);
    expect(clientsByName(world).has('admin-bot')).toBe(false);
  });
});
