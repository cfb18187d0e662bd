// The status line that ends every report, and the one word the marker keeps: a reader (and the next run) trusts both.
import { describe, expect, it } from 'vitest';
import type { ApplyResult, ClientOutcome, Failure } from '../../src/core/types.js';
import type { Report } from '../../src/report/report.js';
import { describeStatus, haltingFailure, isDrift } from '../../src/report/status.js';
import { aCreate, aPlan, aReport, id } from '../helpers/report-builders.js';

const LINK = '[plan #12](https://github.com/acme/genesys/actions/runs/42)';
const FAILURE: Failure = { reason: 'auth-failed', message: 'The client could not log in.' };
const NO_DRIFT = { detected: false, changed: [], missing: [], unmanaged: [] };
const changing = aPlan({ actions: [aCreate('web')] });

const error = { status: 500, message: 'boom' };
const updated = (client: string): ClientOutcome => ({ kind: 'updated', client, id: id(`id-${client}`) });
const failed = (client: string): ClientOutcome => ({ kind: 'failed', client, action: 'update', error });
const created = (client: string): ClientOutcome => ({
  kind: 'created',
  client,
  id: id(`id-${client}`),
  secretDeliveredTo: [],
  deliveryFailures: [{ channel: 'github-secret', error }],
});
const reset = (client: string): ClientOutcome => ({
  kind: 'secret-reset',
  client,
  id: id(`id-${client}`),
  secretDeliveredTo: [],
  deliveryFailures: [{ channel: 'integration-credential', error }],
});
const applied = (result: Partial<ApplyResult>) =>
  describeStatus(aReport({ kind: 'apply', plan: changing, apply: { outcomes: [], unconverged: [], ...result } }));
const duplicate = (client: string) => ({ client, id: id(`id-${client}`), others: [id(`other-${client}`)] });

describe('describeStatus', () => {
  it('says an apply is under way while it writes, and what a line left behind means', () => {
    expect(describeStatus(aReport({ kind: 'apply', plan: changing, applying: { creates: ['web'] } }))).toEqual({
      status: 'applying',
      line:
        `⏳ Applying the plan to \`prod\` in ${LINK}. If this line stays, the run was interrupted: ` +
        'the next apply reports what it left behind.',
    });
  });

  it('tells the apply result, not "applying", once the apply has finished', () => {
    const report = aReport({
      kind: 'apply',
      plan: changing,
      applying: { creates: ['web'] },
      apply: { outcomes: [updated('web')], unconverged: [] },
    });
    expect(describeStatus(report)).toEqual({ status: 'applied', line: `✅ Plan applied to \`prod\` in ${LINK}.` });
  });

  it('says valid definitions were not compared with the org', () => {
    expect(describeStatus(aReport({ kind: 'validate' }))).toEqual({
      status: 'valid',
      line: `✅ Definitions for \`prod\` are valid in ${LINK}. They were not compared with the org (validate mode).`,
    });
  });

  it.each([
    [
      'drift, with the run that found it',
      { drift: { ...NO_DRIFT, detected: true } },
      'drift',
      `🔍 Drift found in \`prod\`: the org differs from the repository (checked by ${LINK}).`,
    ],
    [
      'drift, without a run to link',
      { drift: { ...NO_DRIFT, detected: true }, run: undefined },
      'drift',
      '🔍 Drift found in `prod`: the org differs from the repository.',
    ],
    [
      'no drift, with the run that checked',
      { drift: NO_DRIFT },
      'in-sync',
      `✅ No drift in \`prod\`: the org matches the repository (checked by ${LINK}).`,
    ],
    [
      'no drift, without a run to link',
      { drift: NO_DRIFT, run: undefined },
      'in-sync',
      '✅ No drift in `prod`: the org matches the repository.',
    ],
  ] as const)('tells a check that found %s', (_, overrides, status, line) => {
    expect(describeStatus(aReport({ kind: 'check', plan: aPlan(), ...overrides }))).toEqual({ status, line });
  });

  it.each([
    ['the secrets it reset, not the resets that failed', [reset('a'), failed('b'), reset('c')], '2 secrets'],
    ['one secret in the singular', [reset('a')], '1 secret'],
    ['no secret when nothing was rotated', [], '0 secrets'],
  ])('counts for a rotation %s', (_, outcomes, count) => {
    const report = aReport({ kind: 'rotate', rotation: { chosen: [], outcomes, refused: [] } });
    expect(describeStatus(report)).toEqual({ status: 'rotated', line: `🔑 ${count} of \`prod\` rotated in ${LINK}.` });
  });

  it('counts no secret for a rotation that has no result', () => {
    expect(describeStatus(aReport({ kind: 'rotate' }))).toEqual({
      status: 'rotated',
      line: `🔑 0 secrets of \`prod\` rotated in ${LINK}.`,
    });
  });

  it('escapes a run name that could close its link, and encodes what could end the link’s address', () => {
    const run = { name: 'plan [x] \\ y', url: 'https://example.com/a) b(' };
    expect(describeStatus(aReport({ run })).line).toBe(
      '📝 Plan for `prod` generated in [plan \\[x\\] \\\\ y](https://example.com/a%29%20b%28).',
    );
  });
});

describe('describeStatus: apply', () => {
  it('says the apply failed when it stopped before its first write', () => {
    expect(describeStatus(aReport({ kind: 'apply', plan: changing, failure: FAILURE }))).toEqual({
      status: 'auth-failed',
      line: `❌ Apply failed for \`prod\` in ${LINK}.`,
    });
  });

  it('says there was nothing to apply when the apply wrote nothing', () => {
    const expected = { status: 'applied', line: `✅ Nothing to apply to \`prod\` in ${LINK}: the org already matched the repository.` };
    expect(applied({})).toEqual(expected);
    expect(describeStatus(aReport({ kind: 'apply', plan: aPlan() }))).toEqual(expected);
  });

  it('counts the clients that failed among all the apply wrote', () => {
    expect(applied({ outcomes: [updated('a'), failed('b'), updated('c')] })).toEqual({
      status: 'apply-failed',
      line: `❌ Apply to \`prod\` failed for 1 client of 3 in ${LINK}.`,
    });
  });

  it.each([
    ['a new client', [created('a')], '1 new client'],
    ['new clients', [created('a'), created('b')], '2 new clients'],
    ['a reset client', [reset('a')], '1 reset client'],
    ['new and reset clients', [reset('r'), created('a'), reset('s'), updated('u')], '1 new client and 2 reset clients'],
    ['one new and one reset client', [created('a'), reset('r')], '1 new client and 1 reset client'],
  ])('says whose secret did not reach every place: %s', (_, outcomes, whose) => {
    expect(applied({ outcomes })).toEqual({
      status: 'apply-failed',
      line: `❌ Applied to \`prod\` in ${LINK}, but the secret of ${whose} did not reach every place asked for.`,
    });
  });

  it.each([
    [[duplicate('a')], '1 new client now exists twice'],
    [[duplicate('a'), duplicate('b')], '2 new clients now exist twice'],
  ])('says a concurrent apply created clients twice: %j', (duplicates, said) => {
    expect(applied({ outcomes: [updated('a')], duplicates })).toEqual({
      status: 'apply-failed',
      line: `❌ Applied to \`prod\` in ${LINK}, but ${said}: another apply ran at the same time.`,
    });
  });

  it.each([
    [['a'], '1 client still differs'],
    [['a', 'b'], '2 clients still differ'],
  ])('says clients %j still differ when read back', (unconverged, said) => {
    expect(applied({ outcomes: [updated('a'), updated('b')], unconverged })).toEqual({
      status: 'apply-failed',
      line: `❌ Applied to \`prod\` in ${LINK}, but ${said} when read back.`,
    });
  });
});

describe('haltingFailure', () => {
  it('is the failure when the run had nothing else to tell', () => {
    expect(haltingFailure(aReport({ failure: FAILURE }))).toBe(FAILURE);
  });

  it.each<[string, Partial<Report>]>([
    ['a plan', { plan: aPlan() }],
    ['problems', { problems: [{ file: 'a.yaml', message: 'bad' }] }],
    ['a refusal', { refusal: { reason: 'not-reviewed', differences: [], hint: '' } }],
    ['an apply result', { apply: { outcomes: [], unconverged: [] } }],
  ])('is none when the report tells %s', (_, told) => {
    expect(haltingFailure(aReport({ failure: FAILURE, ...told }))).toBeUndefined();
  });
});

describe('isDrift', () => {
  it.each<[string, Partial<Report>, boolean]>([
    ['the drift as decided, over the plan', { drift: { ...NO_DRIFT, detected: true }, plan: aPlan() }, true],
    ['no drift as decided, over a changing plan', { drift: NO_DRIFT, plan: changing }, false],
    ['a changing plan, without a decision', { plan: changing }, true],
    ['a plan without changes, without a decision', { plan: aPlan() }, false],
    ['nothing, without a plan', {}, false],
  ])('follows %s', (_, overrides, drift) => {
    expect(isDrift(aReport({ kind: 'check', ...overrides }))).toBe(drift);
  });
});
