// Apply refuses a plan that is not the reviewed one (SPEC §4): the org changed between review and merge.
import { describe, expect, it } from 'vitest';
import { useWorld } from '../helpers/e2e-world.js';
import {
  PR_NUMBER,
  clientsByName,
  markerOf,
  onlyClient,
  onlyComment,
  planAndMerge,
  pushMerge,
  writeDefinition,
} from '../helpers/e2e-apply.js';

const world = useWorld({ inProcess: true });

/** The refusal's list of differences: the quoted lines after the CAUTION block's hint. */
function differenceLines(text: string): string[] {
  return text.split('\n').filter((line) => line.startsWith('> - '));
}

describe('apply when the plan changed between review and merge', () => {
  it('refuses with plan-changed when someone edits a client in the org after review, writes nothing and names that client', async () => {
    const planRun = await planAndMerge(world);
    const reviewedHash = planRun.outputs['plan-hash']!;
    world.emulator.editClient(onlyClient(world, 'sso-bridge').id, { description: 'Changed in the admin UI.' });
    world.emulator.resetLog();

    const run = await pushMerge(world);

    expect(run.code).not.toBe(0);
    expect(run.outputs['failure-reason']).toBe('plan-changed');
    expect(run.outputs['plan-hash']).not.toBe(reviewedHash);
    expect(world.emulator.writes()).toEqual([]);
    expect(clientsByName(world).has('ci-deployer')).toBe(false);

    for (const text of [run.summary, onlyComment(world)]) {
      expect(text).toContain('Not applied: the plan changed since it was reviewed');
      // Only the client that changed is named as a difference; the reviewed changes are not.
      expect(differenceLines(text)).toEqual([expect.stringMatching(/^> - `sso-bridge \([0-9a-f-]{36}\)`: new since review \(update\)\.$/)]);
    }
    expect(run.stdout).toMatch(/::error::The plan changed between review and merge/);
  });

  it('keeps the reviewed hash in the refused comment, so a re-run refuses again and never applies the unreviewed plan', async () => {
    const planRun = await planAndMerge(world);
    const reviewedHash = planRun.outputs['plan-hash']!;
    world.emulator.editClient(onlyClient(world, 'agent-dashboard').id, { scope: ['users'] });

    const first = await pushMerge(world);
    const refused = markerOf(onlyComment(world));
    const second = await pushMerge(world);

    // The reviewed plan's standing is kept; the visible status line says it was not applied.
    expect(refused).toMatchObject({ hash: reviewedHash, status: 'planned' });
    expect(onlyComment(world)).toContain('Not applied: the plan changed since it was reviewed');
    for (const run of [first, second]) {
      expect(run.code).not.toBe(0);
      expect(run.outputs['failure-reason']).toBe('plan-changed');
    }
    expect(differenceLines(second.summary)).toEqual([
      expect.stringMatching(
        new RegExp(
          /^> - `agent-dashboard \([0-9a-f-]{36}\)`: the update differs from the reviewed one /.source +
            /\(the org or the definition changed since review\)\.$/.source,
        ),
      ),
    ]);
    expect(markerOf(onlyComment(world)).hash).toBe(reviewedHash);
    expect(world.emulator.writes()).toEqual([]);
  });

  it('refuses with plan-changed when a definition was added after review, naming the new client', async () => {
    await planAndMerge(world);
    writeDefinition(world, 'late.yaml', 'name: late-addition\nauthorized_grant_type: CLIENT-CREDENTIALS\nroles:\n  - role: employee\n');

    const run = await pushMerge(world);

    expect(run.outputs['failure-reason']).toBe('plan-changed');
    expect(differenceLines(run.summary)).toEqual(['> - `late-addition`: new since review (create).']);
    expect(world.emulator.writes()).toEqual([]);
  });

  it('applies the changed plan when the re-run sets auto-approve, and marks the comment applied', async () => {
    await planAndMerge(world);
    world.emulator.editClient(onlyClient(world, 'sso-bridge').id, { description: 'Changed in the admin UI.' });
    const refused = await pushMerge(world);
    expect(refused.outputs['failure-reason']).toBe('plan-changed');

    const approved = await pushMerge(world, { 'auto-approve': 'true' });

    expect(approved.code, approved.stdout).toBe(0);
    expect(approved.outputs).not.toHaveProperty('failure-reason');
    expect(onlyClient(world, 'sso-bridge').description).toBe('Intranet widgets signed in through the corporate IdP.');
    expect(clientsByName(world).get('ci-deployer')).toHaveLength(1);
    expect(world.github.comments(PR_NUMBER)).toHaveLength(1);
    expect(markerOf(onlyComment(world)).status).toBe('applied');
  });
});
