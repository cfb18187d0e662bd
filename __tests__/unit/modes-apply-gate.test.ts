import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/core/plan.js';
import { digestPlan } from '../../src/core/review.js';
import { signReview } from '../../src/core/review-signature.js';
import { findInterruptedCreates, gateApply } from '../../src/modes/apply.js';
import type { ReviewLookup } from '../../src/modes/types.js';
import { aDefinition, aLiveClient, anOrg, clientId, PLAN_OPTIONS } from '../helpers/builders.js';

const pullRequest = { number: 7, url: 'https://github.example/acme/genesys-config/pull/7' };
const planOf = (...names: string[]) =>
  buildPlan(
    names.map((name) => aDefinition({ name })),
    anOrg(),
    PLAN_OPTIONS,
  );
const reviewedAs = (plan: ReturnType<typeof planOf>, status = 'planned'): ReviewLookup => ({
  kind: 'reviewed',
  pullRequest,
  marker: { tool: 'genesys-oauth-sync', version: 1, kind: 'plan', label: 'test', hash: plan.hash, clients: digestPlan(plan), status },
});

describe('gateApply', () => {
  it('applies the plan that was reviewed', () => {
    const plan = planOf('a', 'b');
    expect(gateApply(plan, reviewedAs(plan), false)).toEqual({ allowed: true, pullRequest });
  });

  it('refuses a plan that changed since review and names the client that differs', () => {
    const gate = gateApply(planOf('a', 'c'), reviewedAs(planOf('a', 'b')), false);
    expect(gate.allowed).toBe(false);
    if (gate.allowed) return;
    expect(gate.outcome.failure?.reason).toBe('plan-changed');
    expect(gate.outcome.refusal.differences).toEqual([
      '`b`: no longer changes (it was to create); the org may already match.',
      '`c`: new since review (create).',
    ]);
  });

  it('lets a re-run finish a partly failed apply, but only with changes that were reviewed', () => {
    const reviewed = reviewedAs(planOf('a', 'b'), 'apply-failed');
    expect(gateApply(planOf('b'), reviewed, false).allowed).toBe(true);
    expect(gateApply(planOf('b', 'c'), reviewed, false).allowed).toBe(false);
    expect(gateApply(planOf('b'), reviewedAs(planOf('a', 'b'), 'planned'), false).allowed).toBe(false);
  });

  it('refuses a push without a pull request unless auto-approve is on', () => {
    const plan = planOf('a');
    const refused = gateApply(plan, { kind: 'no-pull-request' }, false);
    expect(refused.allowed === false && refused.outcome.failure?.reason).toBe('not-reviewed');
    expect(gateApply(plan, { kind: 'no-pull-request' }, true).allowed).toBe(true);
  });

  it('applies an empty plan whatever was reviewed', () => {
    expect(gateApply(planOf(), { kind: 'no-pull-request' }, false).allowed).toBe(true);
    expect(gateApply(planOf(), reviewedAs(planOf('x')), false).allowed).toBe(true);
  });
});

describe('gateApply, adversarial reviews', () => {
  it('refuses when the comment records no plan hash (its plan failed, or a refusal wrote it)', () => {
    const plan = planOf('a');
    const hashless: ReviewLookup = {
      kind: 'reviewed',
      pullRequest,
      marker: { tool: 'genesys-oauth-sync', version: 1, kind: 'plan', label: 'test', status: 'not-reviewed' },
    };
    const gate = gateApply(plan, hashless, false);
    expect(gate.allowed === false && gate.outcome.failure?.reason).toBe('not-reviewed');
  });

  it("never lets a re-run of a failed apply delete a second client that shares a reviewed client's name", () => {
    const org = anOrg();
    const twin = (id: string) => ({ ...org.clients[0]!, id: clientId(id), name: 'dup', description: 'live' });
    const reviewedPlan = buildPlan([aDefinition({ name: 'dup' })], { ...org, clients: [...org.clients, twin('c1')] }, PLAN_OPTIONS);
    expect(reviewedPlan.actions.map((a) => a.kind)).toEqual(['update']);
    const review = reviewedAs(reviewedPlan, 'apply-failed');
    const now = buildPlan(
      [aDefinition({ name: 'dup', id: 'c1' })],
      { ...org, clients: [...org.clients, twin('c1'), twin('c9')] },
      { ...PLAN_OPTIONS, prune: true },
    );
    expect(now.actions.map((a) => `${a.kind} ${a.client}`).sort()).toEqual(['delete dup', 'update dup']);
    expect(gateApply(now, review, false).allowed).toBe(false);
  });
});

describe('gateApply, replays', () => {
  const KEY = 'review-key-for-tests';
  const signed = (plan: ReturnType<typeof planOf>, headSha = 'b'.repeat(40), status = 'planned'): ReviewLookup => {
    const review = reviewedAs(plan, status);
    if (review.kind !== 'reviewed') throw new Error('unreachable');
    const sig = signReview(KEY, review.marker, { pullRequest: pullRequest.number, headSha });
    return { ...review, pullRequest: { ...pullRequest, headSha: 'b'.repeat(40) }, marker: { ...review.marker, sig } };
  };
  const reasonOf = (gate: ReturnType<typeof gateApply>) => (gate.allowed ? 'allowed' : gate.outcome.failure?.reason);

  it('never applies a plan whose comment says applied, and leaves that comment alone', () => {
    const plan = planOf('a');
    const gate = gateApply(plan, reviewedAs(plan, 'applied'), false);
    expect(reasonOf(gate)).toBe('not-reviewed');
    expect(gate.allowed === false && gate.outcome.pullRequest).toBeUndefined();
  });

  it('lets a re-run finish an interrupted apply (applying), with reviewed changes only', () => {
    const reviewed = reviewedAs(planOf('a', 'b'), 'applying');
    expect(reasonOf(gateApply(planOf('b'), reviewed, false))).toBe('allowed');
    expect(reasonOf(gateApply(planOf('b', 'c'), reviewed, false))).toBe('plan-changed');
  });

  it('with a review key, accepts only a marker signed for this pull request at its head commit', () => {
    const plan = planOf('a');
    expect(reasonOf(gateApply(plan, signed(plan), false, KEY))).toBe('allowed');
    expect(reasonOf(gateApply(plan, signed(plan, 'c'.repeat(40)), false, KEY))).toBe('not-reviewed');
    expect(reasonOf(gateApply(plan, reviewedAs(plan), false, KEY))).toBe('not-reviewed');
    const edited = signed(planOf('x'));
    if (edited.kind === 'reviewed') edited.marker.hash = plan.hash;
    expect(reasonOf(gateApply(plan, edited, false, KEY))).toBe('not-reviewed');
    expect(reasonOf(gateApply(plan, signed(plan), false, 'another-key'))).toBe('not-reviewed');
  });
});

describe('findInterruptedCreates', () => {
  const interruptedReview = (status: string, creates: string[]): ReviewLookup => {
    const review = reviewedAs(planOf('a'), status);
    return review.kind === 'reviewed' ? { ...review, marker: { ...review.marker, creates } } : review;
  };
  const org = anOrg({ clients: [aLiveClient({ name: 'made', id: clientId('made-id') })] });

  it('names the clients an interrupted run was creating that exist now, and nothing for any other status', () => {
    expect(findInterruptedCreates(interruptedReview('applying', ['made', 'never-made']), org)).toEqual(['made']);
    expect(findInterruptedCreates(interruptedReview('applied', ['made']), org)).toEqual([]);
    expect(findInterruptedCreates({ kind: 'no-pull-request' }, org)).toEqual([]);
  });
});

describe('gateApply, what each refusal tells the user', () => {
  const plan = planOf('a');
  const refusalOf = (reason: string, hint: string, withPullRequest: boolean, differences: string[] = []) => ({
    allowed: false,
    outcome: {
      pullRequest: withPullRequest ? pullRequest : undefined,
      failure: { reason, message: hint },
      refusal: { reason, differences, hint },
    },
  });

  it('refuses a run that found no review at all (no GitHub), naming no pull request and no differences', () => {
    expect(gateApply(plan, undefined, false)).toEqual(
      refusalOf(
        'not-reviewed',
        'This push has no merged pull request whose plan was reviewed. Merge changes ' +
          'through a pull request, or set `auto-approve: true` to apply unreviewed plans.',
        false,
      ),
    );
  });

  it('refuses when GitHub could not be asked, with what GitHub answered', () => {
    expect(gateApply(plan, { kind: 'unavailable', message: 'Bad credentials' }, false)).toEqual(
      refusalOf('not-reviewed', 'Could not find the reviewed plan, so nothing was applied: Bad credentials', false),
    );
  });

  it('refuses a merged pull request that has no plan comment, and reports on that pull request', () => {
    expect(gateApply(plan, { kind: 'no-comment', pullRequest }, false)).toEqual(
      refusalOf(
        'not-reviewed',
        'Pull request #7 has no reviewed plan for this label (no plan comment, or its last plan did not complete), so ' +
          'nobody reviewed this plan. Re-run the plan on a pull request (with `comment` not `never`), or set `auto-approve: true`.',
        true,
      ),
    );
  });

  it('with a review key, refuses an unsigned plan comment and says how to sign it', () => {
    expect(gateApply(plan, reviewedAs(plan), false, 'the-key')).toEqual(
      refusalOf(
        'not-reviewed',
        'The plan comment on #7 carries no valid `review-key` signature for its head commit (it was written without the ' +
          'key, or edited since), so it proves no review and nothing was applied. Give the plan workflow the same ' +
          '`review-key` secret and re-run its plan, or set `auto-approve: true`.',
        true,
      ),
    );
  });

  it('with a review key, refuses a signature when GitHub named no head commit to check it against', () => {
    const review = reviewedAs(plan);
    if (review.kind !== 'reviewed') throw new Error('unreachable');
    const sig = signReview('the-key', review.marker, { pullRequest: 7, headSha: undefined as unknown as string });
    const gate = gateApply(plan, { ...review, marker: { ...review.marker, sig } }, false, 'the-key');
    expect(gate.allowed === false && gate.outcome.failure.reason).toBe('not-reviewed');
  });

  it('refuses to apply a review twice, pointing at the restore workflow and at adopting', () => {
    expect(gateApply(plan, reviewedAs(plan, 'applied'), false)).toEqual(
      refusalOf(
        'not-reviewed',
        'The plan reviewed on #7 was already applied, and a review is applied only once: the org changed since, so ' +
          "nothing was applied. To restore the repository's values, run the protected restore workflow " +
          "(`auto-approve: true`); to keep the org's, adopt them in a pull request.",
        false,
      ),
    );
  });

  it('refuses a plan that changed since review, pointing at auto-approve or at how this shell applies unreviewed plans', () => {
    const changed = planOf('a', 'c');
    const differences = ['`c`: new since review (create).'];
    const hint = (how: string) =>
      'The plan changed between review and merge, so nothing was applied. Re-run the plan on a new pull request and ' +
      `review it, or, if the new plan is what you want, ${how}.`;
    expect(gateApply(changed, reviewedAs(plan), false)).toEqual(
      refusalOf('plan-changed', hint('run apply with `auto-approve: true`'), true, differences),
    );
    expect(gateApply(changed, reviewedAs(plan), false, undefined, 'run the restore workflow')).toEqual(
      refusalOf('plan-changed', hint('run the restore workflow'), true, differences),
    );
  });
});
