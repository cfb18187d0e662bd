import { describe, expect, it } from 'vitest';
import { actionKey, describeKey, describePlanDifferences, digestPlan, isReviewedSubset } from '../../src/core/review.js';
import type { PlanAction } from '../../src/core/types.js';
import { aCreate, aDelete, anUpdate, aNoop, aPlan, id, scalar } from '../helpers/report-builders.js';

const aReset = (name: string): PlanAction => ({
  kind: 'reset-secret',
  client: name,
  id: id(`id-${name}`),
  missing: ['github-secret'],
  delivery: { expose_client_secret: false },
});

describe('actionKey / describeKey', () => {
  it('keys an update and a secret reset of the same client apart, and reads each back', () => {
    const update = actionKey(anUpdate('web', [scalar('description', 'a', 'b')]));
    const reset = actionKey(aReset('web'));
    expect(update).not.toBe(reset);
    expect(describeKey(update)).toBe('web (id-web)');
    expect(describeKey(reset)).toBe('web (id-web) reset-secret');
    expect(describeKey(actionKey(aCreate('new')))).toBe('new');
  });

  it('reads a key that is not JSON as it is', () => {
    expect(describeKey('web')).toBe('web');
  });
});

describe('describePlanDifferences', () => {
  it('says the reviewed plan recorded no clients when it has no digests', () => {
    expect(describePlanDifferences(undefined, aPlan({ actions: [aCreate('a')] }))).toEqual([
      "The reviewed plan did not record its clients; compare the comment with this run's report.",
    ]);
  });

  it('names each difference once, in the order of the clients, whatever order the digests were recorded in', () => {
    const reviewed = { '["z"]': 'create:1234', [actionKey(aDelete('m'))]: 'delete:5678', '["a"]': 'create:9999' };
    const plan = aPlan({ actions: [aCreate('b'), aNoop('n'), aDelete('m', 'id-other')] });
    expect(describePlanDifferences(reviewed, plan)).toEqual([
      '`a`: no longer changes (it was to create); the org may already match.',
      '`b`: new since review (create).',
      '`m (id-m)`: no longer changes (it was to delete); the org may already match.',
      '`m (id-other)`: new since review (delete).',
      '`z`: no longer changes (it was to create); the org may already match.',
    ]);
  });

  it('says when a client is now to change in another way than reviewed', () => {
    const key = actionKey(anUpdate('web', []));
    expect(describePlanDifferences({ [key]: 'delete:1234' }, aPlan({ actions: [anUpdate('web', [])] }))).toEqual([
      '`web (id-web)`: was to delete, now to update.',
    ]);
  });

  it('finds no difference in the plan it digested', () => {
    const plan = aPlan({ actions: [aCreate('a'), aReset('b'), aDelete('c')] });
    expect(describePlanDifferences(digestPlan(plan), plan)).toEqual([]);
  });
});

describe('isReviewedSubset', () => {
  it('never passes a plan whose reviewed comment recorded no clients, not even an empty one', () => {
    expect(isReviewedSubset(undefined, aPlan())).toBe(false);
    expect(isReviewedSubset(undefined, aPlan({ actions: [aCreate('a')] }))).toBe(false);
  });

  it('passes a plan that changes part of what was reviewed, and no more', () => {
    const reviewed = digestPlan(aPlan({ actions: [aCreate('a'), aDelete('b')] }));
    expect(isReviewedSubset(reviewed, aPlan({ actions: [aCreate('a')] }))).toBe(true);
    expect(isReviewedSubset(reviewed, aPlan({ actions: [aCreate('a'), aReset('b')] }))).toBe(false);
  });
});
