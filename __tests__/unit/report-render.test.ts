import { describe, expect, it } from 'vitest';
import { summariseDrift } from '../../src/core/drift.js';
import { digestPlan } from '../../src/core/review.js';
import type { ApplyResult, DivisionId, PlanAction, Problem, RoleId } from '../../src/core/types.js';
import { COMMENT_LIMIT } from '../../src/report/budget.js';
import { parseMarker } from '../../src/report/marker.js';
import { renderReport } from '../../src/report/render.js';
import type { Report } from '../../src/report/report.js';
import { aCreate, aDelete, aNoop, aPlan, aReport, anUpdate, id, scalar } from '../helpers/report-builders.js';

const render = (report: Report, secrets: string[] = []) => renderReport(report, { limit: COMMENT_LIMIT, secrets });
const lastLine = (text: string) => text.trimEnd().split('\n').at(-1) ?? '';

const mixedPlan = aPlan({
  actions: [
    aCreate(
      'web-app',
      { authorized_grant_type: 'CODE', registered_redirect_uris: ['https://app.example.com/callback'], scopes: ['users:readonly'] },
      { expose_client_secret: true },
    ),
    anUpdate('batch-job', [scalar('state', 'active', 'inactive')]),
    anUpdate('reporting', [
      scalar('description', '', 'Nightly reports'),
      scalar('access_token_validity_seconds', 3_600, 86_400),
      { kind: 'set', field: 'scopes', added: ['analytics'], removed: ['users'] },
      {
        kind: 'roles',
        field: 'roles',
        added: [{ role_id: 'role-reader' as RoleId, division_id: 'div-sales' as DivisionId, role_name: 'Reader', division_name: 'Sales' }],
        removed: [{ role_id: 'role-admin' as RoleId, division_id: '*', role_name: 'admin' }],
      },
    ]),
    aDelete('old-thing'),
    aNoop('unchanged-one'),
  ],
  unmanaged: [
    { id: id('u-1'), name: 'made-in-ui' },
    { id: id('u-2'), name: 'legacy' },
  ],
  warnings: [
    {
      file: 'genesys/oauth-clients/scim.yaml',
      line: 4,
      column: 3,
      client: 'scim',
      message: '`access_token_validity_seconds` above 172800 is accepted only for SCIM clients.',
    },
  ],
});

describe('renderReport: plan', () => {
  const text = render(aReport({ plan: mixedPlan, org: 'mypurecloud.ie' }));

  it('renders the plan comment people review', () => {
    expect(text).toMatchSnapshot();
  });

  it('starts with a marker that carries the plan hash and per-client digests', () => {
    expect(text.split('\n')[0]).toMatch(/^<!-- genesys-oauth-sync \{.*\} -->$/);
    expect(parseMarker(text)).toEqual({
      tool: 'genesys-oauth-sync',
      version: 1,
      kind: 'plan',
      label: 'prod',
      hash: mixedPlan.hash,
      clients: digestPlan(mixedPlan),
      status: 'planned',
    });
  });

  it('puts the label, org and counts in the headline', () => {
    expect(text).toContain('### Genesys OAuth clients: plan for `prod` · org `mypurecloud.ie`');
    expect(text).toContain('**1 to create, 2 to update, 1 to delete** · 1 unchanged · 2 unmanaged');
  });

  it('calls out deletes and deactivations in a warning before anything else', () => {
    const warning = text.indexOf('> [!WARNING]');
    expect(warning).toBeGreaterThan(0);
    expect(warning).toBeLessThan(text.indexOf('#### ⚠️'));
    expect(text).toContain('> - `old-thing` will be **deleted** (id `id-old-thing`)');
    expect(text).toContain('> - `batch-job` will be **deactivated**');
    expect(text).not.toMatch(/> - `reporting`/);
  });

  it('collapses one section per changed client, risky ones first, and none for unchanged clients', () => {
    const order = ['old-thing', 'batch-job', 'reporting', 'web-app'].map((name) => text.indexOf(`</b> <code>${name}</code>`));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).not.toContain('<code>unchanged-one</code>');
  });

  it('shows scalars as old → new and set members as + added / - removed in a diff fence', () => {
    expect(text).toContain('- `description`: `""` → `"Nightly reports"`');
    expect(text).toContain('- `access_token_validity_seconds`: `3600 (1 h)` → `86400 (24 h)`');
    expect(text).toContain('```diff\n  scopes:\n+   analytics\n-   users\n  roles:\n');
  });

  it('shows roles with their names and ids, and * as all divisions', () => {
    expect(text).toContain('+   Reader (role-reader) in Sales (div-sales)');
    expect(text).toContain('-   admin (role-admin) in all divisions (*)');
  });

  it('lists unmanaged clients as left alone unless pruned', () => {
    expect(text).toContain('#### 2 unmanaged clients');
    expect(text).toContain('set `prune: true` to delete them');
    expect(text).toContain('`made-in-ui`, `legacy`');
  });

  it('ends with the status line and the run link', () => {
    expect(lastLine(text)).toBe('📝 Plan for `prod` generated in [plan #12](https://github.com/acme/genesys/actions/runs/42).');
  });

  it('says plainly when nothing changes', () => {
    const empty = render(aReport({ plan: aPlan({ actions: [aNoop('a')] }) }));
    expect(empty).toContain('**No changes.** The org matches the repository. · 1 unchanged');
    expect(empty).not.toContain('<details>');
    expect(empty).not.toContain('[!WARNING]');
  });

  it('reports planning errors with their client and fails the status', () => {
    const failed = render(
      aReport({
        plan: aPlan({ actions: [], problems: [{ client: 'self', message: 'Refusing to change `self`: the Action authenticates as it.' }] }),
      }),
    );
    expect(failed).toContain('#### ❌ 1 problem');
    expect(failed).toContain('- `self`: Refusing to change `self`: the Action authenticates as it.');
    expect(parseMarker(failed)?.status).toBe('plan-failed');
    expect(lastLine(failed)).toMatch(/^❌ Plan for `prod` has 1 problem in \[plan #12\]/);
  });

  it('lets no HTML in a client name escape its code span', () => {
    const sneaky = render(aReport({ plan: aPlan({ actions: [aCreate('x</code></summary><img src=x>')] }) }));
    expect(sneaky).toContain('<code>x&lt;/code&gt;&lt;/summary&gt;&lt;img src=x&gt;</code>');
    expect(sneaky).not.toMatch(/<summary>[^\n]*<img/);
  });

  it('omits the run link when there is no run', () => {
    expect(lastLine(render(aReport({ plan: mixedPlan, run: undefined })))).toBe('📝 Plan for `prod` generated.');
  });
});

describe('renderReport: validate', () => {
  it('lists every problem with file:line:column and client, and says nothing was sent to Genesys', () => {
    const text = render(
      aReport({
        kind: 'validate',
        problems: [
          {
            file: 'genesys/oauth-clients/web.yaml',
            line: 12,
            column: 5,
            client: 'web',
            message: '`scopes` must not be empty when `authorized_grant_type` is CODE.',
          },
          { file: 'genesys/oauth-clients/ci.yaml', line: 3, column: 1, message: 'Unknown key `scope`: did you mean `scopes`?' },
        ],
      }),
    );
    expect(text).toMatchSnapshot();
    expect(text).toContain(
      '- `genesys/oauth-clients/web.yaml:12:5` · `web`: `scopes` must not be empty when `authorized_grant_type` is CODE.',
    );
    expect(text).toContain('- `genesys/oauth-clients/ci.yaml:3:1`: Unknown key `scope`');
    expect(text).toContain('Nothing was sent to Genesys.');
    expect(parseMarker(text)).toMatchObject({ kind: 'plan', status: 'invalid' });
    expect(parseMarker(text)?.hash).toBeUndefined();
  });

  it('says valid definitions were only validated', () => {
    const text = render(aReport({ kind: 'validate' }));
    expect(text).toContain('**The definitions are valid.** Nothing was sent to Genesys');
    expect(lastLine(text)).toMatch(/^✅ Definitions for `prod` are valid/);
  });
});

describe('renderReport: apply', () => {
  const applied: ApplyResult = {
    outcomes: [
      { kind: 'created', client: 'web-app', id: id('new-1'), secretDeliveredTo: ['output'] },
      { kind: 'updated', client: 'batch-job', id: id('id-batch-job') },
      {
        kind: 'failed',
        client: 'reporting',
        action: 'update',
        id: id('id-reporting'),
        error: { status: 400, code: 'bad.request', message: 'The role is not assignable', correlationId: 'c0ffee-42' },
      },
      { kind: 'deleted', client: 'old-thing', id: id('id-old-thing') },
    ],
    unconverged: [],
  };

  it('shows what was created, updated and deleted, and each failure with status, code, message and correlation id', () => {
    const text = render(aReport({ kind: 'apply', plan: mixedPlan, apply: applied }));
    expect(text).toMatchSnapshot();
    expect(text).toContain('**1 created, 1 updated, 1 deleted, 1 failed**');
    expect(text).toContain('> - `reporting` (update): Genesys 400 `bad.request`: The role is not assignable (correlation id `c0ffee-42`)');
    expect(text).toContain('✅ <b>created</b> <code>web-app</code>');
    expect(text).toContain('The secret went to the `client-secrets` step output (masked).');
    expect(text).toContain('❌ <b>update failed</b> <code>reporting</code>');
    expect(parseMarker(text)?.status).toBe('apply-failed');
    expect(lastLine(text)).toMatch(/^❌ Apply to `prod` failed for 1 client of 4/);
  });

  it('reports success and clients that still differ after read-back', () => {
    const ok = render(
      aReport({
        kind: 'apply',
        plan: aPlan({ actions: [aCreate('web-app')] }),
        apply: { outcomes: [applied.outcomes[0]!], unconverged: [] },
      }),
    );
    expect(lastLine(ok)).toMatch(/^✅ Plan applied to `prod`/);
    const drifted = render(
      aReport({
        kind: 'apply',
        plan: aPlan({ actions: [aCreate('web-app')] }),
        apply: { outcomes: [applied.outcomes[0]!], unconverged: ['web-app'] },
      }),
    );
    expect(drifted).toContain('these still differ from their definitions: `web-app`');
    expect(parseMarker(drifted)?.status).toBe('apply-failed');
  });

  it('says where a created secret could not be delivered, without the secret', () => {
    const plan = aPlan({ actions: [aCreate('web-app', {}, { expose_client_secret: true, integration_credential_name: 'web-cred' })] });
    const created: ApplyResult = {
      outcomes: [
        {
          kind: 'created',
          client: 'web-app',
          id: id('new-1'),
          secretDeliveredTo: ['output'],
          deliveryFailures: [
            {
              channel: 'integration-credential',
              error: { status: 403, code: 'missing.permissions', message: 'Missing integrations:credential:add', correlationId: 'corr-9' },
            },
          ],
        },
      ],
      unconverged: [],
    };
    const text = render(aReport({ kind: 'apply', plan, apply: created }));
    expect(text).toContain('The secret went to the `client-secrets` step output (masked).');
    expect(text).toContain(
      '⚠️ The secret did not reach the integration credential `web-cred`: Genesys 403 ' +
        '`missing.permissions`: Missing integrations:credential:add (correlation id `corr-9`)',
    );
    expect(text).toContain('> - `web-app` was created, but its secret did not reach: integration-credential.');
    expect(parseMarker(text)?.status).toBe('apply-failed');
    expect(lastLine(text)).toMatch(/^❌ Applied to `prod` in .*, but the secret of 1 new client did not reach every place asked for\.$/);
  });

  it('says an empty plan applied nothing', () => {
    const text = render(aReport({ kind: 'apply', plan: aPlan(), apply: { outcomes: [], unconverged: [] } }));
    expect(lastLine(text)).toMatch(/^✅ Nothing to apply to `prod` in \[plan #12\]\(.*\): the org already matched the repository\.$/);
  });

  it('explains a refusal because the plan changed, with the differences and what to do', () => {
    const text = render(
      aReport({
        kind: 'apply',
        plan: mixedPlan,
        refusal: {
          reason: 'plan-changed',
          differences: ['`web-app`: new since review (create).'],
          hint: 'Re-run the plan on the pull request, or set `auto-approve: true`.',
        },
      }),
    );
    expect(text).toMatchSnapshot();
    expect(text).toContain('> **Not applied: the plan changed since it was reviewed.** Nothing was written to the org.');
    expect(text).toContain('> - `web-app`: new since review (create).');
    expect(text).toContain('> Re-run the plan on the pull request, or set `auto-approve: true`.');
    expect(parseMarker(text)?.status).toBe('plan-changed');
    expect(lastLine(text)).toMatch(/^❌ Plan for `prod` not applied: the plan changed since review/);
  });

  it('explains a refusal for a push that nobody reviewed', () => {
    const text = render(
      aReport({
        kind: 'apply',
        plan: mixedPlan,
        refusal: { reason: 'not-reviewed', differences: [], hint: 'Merge through a pull request, or set `auto-approve: true`.' },
      }),
    );
    expect(lastLine(text)).toMatch(/not applied: no reviewed plan was found for this commit/);
  });
});

describe('renderReport: failures', () => {
  it('shows a failure with what to do, without counts it does not have', () => {
    const text = render(
      aReport({
        failure: { reason: 'auth-failed', message: 'Genesys rejected the credentials (401 `invalid_client`). Check `genesys-client-id`.' },
      }),
    );
    expect(text).toContain('> **`auth-failed`**: Genesys rejected the credentials (401 `invalid_client`). Check `genesys-client-id`.');
    expect(text).not.toContain('to create');
    expect(parseMarker(text)?.status).toBe('auth-failed');
    expect(lastLine(text)).toMatch(/^❌ Failed to generate the plan for `prod`/);
  });
});

describe('renderReport: check', () => {
  it('frames drift as the org differing from the repository, client by client, with the two ways out', () => {
    const text = render(
      aReport({
        kind: 'check',
        plan: mixedPlan,
        drift: summariseDrift(mixedPlan, true),
        run: { name: 'drift #7', url: 'https://github.com/acme/genesys/actions/runs/7' },
      }),
    );
    expect(text).toMatchSnapshot();
    expect(parseMarker(text)).toMatchObject({ kind: 'drift', label: 'prod', hash: mixedPlan.hash, status: 'drift' });
    expect(text).toContain('**The org differs from the repository:** 2 changed, 1 missing, 1 to delete (prune)');
    expect(text).toContain('  - `description`: repository says `"Nightly reports"`, org has `""`');
    expect(text).toContain('  - `scopes`: repository has `analytics`, org does not; org has `users`, repository does not');
    expect(text).toContain('- `web-app` is **missing**: declared in the repository, not in the org.');
    expect(text).toContain("**Keep the org's values**");
    expect(text).toContain("**Restore the repository's values**");
    expect(lastLine(text)).toBe(
      '🔍 Drift found in `prod`: the org differs from the repository (checked ' +
        'by [drift #7](https://github.com/acme/genesys/actions/runs/7)).',
    );
  });

  it('says the org matches when there is no drift, still listing unmanaged clients', () => {
    const quiet = aPlan({ actions: [aNoop('a')], unmanaged: [{ id: id('u'), name: 'ui-made' }] });
    const text = render(aReport({ kind: 'check', plan: quiet, drift: summariseDrift(quiet, false) }));
    expect(text).toContain('**No drift.** The org matches the repository.');
    expect(text).toContain('`ui-made`');
    expect(text).not.toContain('Two ways out');
    expect(parseMarker(text)?.status).toBe('in-sync');
  });
});

describe('renderReport: clients left alone', () => {
  it('lists clients awaiting deletion and clients of an unknown grant type apart from unmanaged ones, escaped', () => {
    const text = render(
      aReport({
        plan: aPlan({
          unmanaged: [{ id: id('u'), name: 'ui-made' }],
          leftAlone: [
            { reason: 'awaiting-deletion', id: id('g'), name: 'old-export', dateToDelete: '2026-12-04T10:00:00.000Z' },
            { reason: 'unrecognised', id: id('p'), name: 'pkce-app', field: 'authorized_grant_type', value: 'PKCE`<b>' },
          ],
        }),
      }),
    );
    expect(text).toContain('#### 1 unmanaged client');
    expect(text).toContain('#### 1 client awaiting deletion');
    expect(text).toContain('`old-export` (removed by `2026-12-04`)');
    expect(text).toContain('#### 1 client left alone');
    expect(text).toContain('`pkce-app` (grant type `` PKCE`<b> ``)');
  });
});

describe('renderReport: secrets', () => {
  const SENTINEL = 'sentinel-S3CRET&value';

  it('redacts a secret that reached a description, a redirect URI or a client name', () => {
    const plan = aPlan({
      actions: [
        aCreate('leaky', {
          description: `token is ${SENTINEL}`,
          registered_redirect_uris: [`https://example.com/cb?key=${encodeURIComponent(SENTINEL)}`],
        }),
        aCreate(`name-${SENTINEL}`),
      ],
    });
    for (const kind of ['plan', 'check', 'apply'] as const) {
      const text = render(aReport({ kind, plan, drift: summariseDrift(plan, true) }), [SENTINEL]);
      expect(text).not.toContain(SENTINEL);
      expect(text).not.toContain(encodeURIComponent(SENTINEL));
      expect(text).not.toContain('sentinel-S3CRET&amp;value');
      expect(text).toContain('name-***');
    }
    const planText = render(aReport({ plan }), [SENTINEL]);
    expect(planText).toContain('token is ***');
    expect(planText).toContain('https://example.com/cb?key=***');
  });

  it('redacts a secret inside a failure message', () => {
    const text = render(aReport({ failure: { reason: 'auth-failed', message: `login failed for ${SENTINEL}` } }), [SENTINEL]);
    expect(text).toContain('login failed for \\*\\*\\*');
  });
});

describe('renderReport: repeated findings', () => {
  it('shows a warning once when both the report and the plan carry it', () => {
    const warning = { client: 'scim', message: 'Long-lived token.' };
    const text = render(aReport({ plan: aPlan({ warnings: [warning] }), warnings: [{ ...warning }] }));
    expect(text).toContain('#### ⚠️ 1 warning');
    expect(text.match(/Long-lived token/g)).toHaveLength(1);
  });
});

describe('renderReport: clients that share a name', () => {
  it('shows each pruned twin with its own outcome, matched by id rather than by name', () => {
    const plan = aPlan({ actions: [aDelete('dup', 'c1'), aDelete('dup', 'c2')] });
    const apply: ApplyResult = {
      outcomes: [
        { kind: 'deleted', client: 'dup', id: id('c1') },
        { kind: 'failed', client: 'dup', action: 'delete', id: id('c2'), error: { status: 400, code: 'bad.request', message: 'No.' } },
      ],
      unconverged: [],
    };
    const text = render(aReport({ kind: 'apply', plan, apply }));
    expect(text).toContain('✅ <b>deleted</b> <code>dup</code>');
    expect(text).toContain('❌ <b>delete failed</b> <code>dup</code>');
  });
});

describe('renderReport: secrets and the budget', () => {
  it('never leaves the start of a secret behind when even the fixed parts must be cut hard', () => {
    const secret = 'SENTINEL-cut-secret-0123456789abcdef';
    for (let pad = 1_700; pad < 1_900; pad += 3) {
      const report = aReport({ failure: { reason: 'plan-failed', message: `${'y'.repeat(pad)}${secret}${'z'.repeat(500)}` } });
      const text = renderReport(report, { limit: 2_000, secrets: [secret] });
      expect(text.length).toBeLessThanOrEqual(2_000);
      expect(text).not.toContain(secret.slice(0, 10));
    }
  });
});

describe('renderReport: the marker of a refusal', () => {
  it('keeps the reviewed hash, digests and standing, so a partly failed apply stays resumable after a refused re-run', () => {
    const reviewed = { hash: 'a'.repeat(64), clients: { '["x"]': 'create:0123456789abcdef' }, status: 'apply-failed' };
    const text = render(
      aReport({
        kind: 'apply',
        plan: aPlan({ actions: [aCreate('y')] }),
        reviewed,
        refusal: { reason: 'plan-changed', differences: [], hint: 'h' },
      }),
    );
    expect(parseMarker(text)).toMatchObject(reviewed);
  });
});

// Each report below is rendered inside its test, so a mutation of the renderer is live while the test looks at it.
const body = (text: string) => text.split('\n').slice(1);
const STATUS = ['---', '📝 Plan for `prod` generated in [plan #12](https://github.com/acme/genesys/actions/runs/42).'];
const aReset = (name: string): PlanAction => ({
  kind: 'reset-secret',
  client: name,
  id: id(`id-${name}`),
  missing: ['github-secret'],
  delivery: { expose_client_secret: false, github_secret: { name: 'R_SECRET' } },
});
/** The lines of the block that starts with `first`, up to the next blank line. */
const blockAt = (text: string, first: string) => {
  const lines = text.split('\n');
  const start = lines.indexOf(first);
  const end = lines.indexOf('', start);
  return start < 0 ? [] : lines.slice(start, end < 0 ? undefined : end);
};

describe('renderReport: the headline', () => {
  it('names the org after the label only when the report has one', () => {
    expect(body(render(aReport({ plan: aPlan(), org: 'mypurecloud.ie' })))[0]).toBe(
      '### Genesys OAuth clients: plan for `prod` · org `mypurecloud.ie`',
    );
    expect(body(render(aReport({ plan: aPlan() })))[0]).toBe('### Genesys OAuth clients: plan for `prod`');
  });

  it('says an unchanged org matches, with no empty section after it', () => {
    expect(body(render(aReport({ plan: aPlan({ actions: [aNoop('a')] }) })))).toEqual([
      '### Genesys OAuth clients: plan for `prod`',
      '',
      '**No changes.** The org matches the repository. · 1 unchanged',
      '',
      ...STATUS,
    ]);
  });

  it('puts a failure that stopped the run right under the headline, with no counts and no blank block between', () => {
    expect(body(render(aReport({ failure: { reason: 'auth-failed', message: 'No.' } })))).toEqual([
      '### Genesys OAuth clients: plan for `prod`',
      '',
      '> [!CAUTION]',
      '> **`auth-failed`**: No.',
      '',
      '---',
      '❌ Failed to generate the plan for `prod` in [plan #12](https://github.com/acme/genesys/actions/runs/42).',
    ]);
  });

  it.each([
    ['nothing besides', [aCreate('a')], [], '**1 to create, 0 to update, 0 to delete**'],
    ['unchanged clients', [aCreate('a'), aNoop('b'), aNoop('c')], [], '**1 to create, 0 to update, 0 to delete** · 2 unchanged'],
    ['unmanaged clients', [aCreate('a')], [{ id: id('u'), name: 'u' }], '**1 to create, 0 to update, 0 to delete** · 1 unmanaged'],
    ['a delete and a secret reset', [aDelete('d'), aReset('r')], [], '**0 to create, 0 to update, 1 to delete, 1 secret to reset**'],
    ['two secret resets', [aReset('r'), aReset('s')], [], '**0 to create, 0 to update, 0 to delete, 2 secrets to reset**'],
  ])('counts a plan with %s', (_, actions, unmanaged, counts) => {
    expect(body(render(aReport({ plan: aPlan({ actions, unmanaged }) })))[2]).toBe(counts);
  });

  it('counts an apply, naming secret resets and failures only when there are some', () => {
    const applied = (outcomes: ApplyResult['outcomes']) =>
      body(render(aReport({ kind: 'apply', plan: aPlan({ actions: [aCreate('a')] }), apply: { outcomes, unconverged: [] } })))[2];
    expect(applied([{ kind: 'created', client: 'a', id: id('n'), secretDeliveredTo: [] }])).toBe('**1 created, 0 updated, 0 deleted**');
    expect(
      applied([
        { kind: 'secret-reset', client: 'r', id: id('id-r'), secretDeliveredTo: [] },
        { kind: 'secret-reset', client: 's', id: id('id-s'), secretDeliveredTo: [] },
      ]),
    ).toBe('**0 created, 0 updated, 0 deleted, 2 secrets reset**');
  });

  it('counts a rotation even when the run failed after it', () => {
    const text = render(
      aReport({
        kind: 'rotate',
        failure: { reason: 'plan-failed', message: 'late' },
        rotation: {
          chosen: [{ client: 'a', named: true }],
          outcomes: [{ kind: 'secret-reset', client: 'a', id: id('id-a'), secretDeliveredTo: ['output'] }],
          refused: [],
        },
      }),
    );
    expect(body(text).slice(0, 3)).toEqual([
      '### Genesys OAuth clients: secret rotation for `prod`',
      '',
      '**1 secret rotated** of 1 chosen. Nothing else in the org was changed.',
    ]);
  });

  it('shows only the failure of a rotation that stopped before rotating anything', () => {
    const text = render(aReport({ kind: 'rotate', failure: { reason: 'auth-failed', message: 'No.' } }));
    expect(body(text).slice(0, 4)).toEqual([
      '### Genesys OAuth clients: secret rotation for `prod`',
      '',
      '> [!CAUTION]',
      '> **`auth-failed`**: No.',
    ]);
  });
});

describe('renderReport: a drift check', () => {
  const due = [{ client: 'c', id: id('id-c'), rotationDays: 90, writtenAt: '2026-01-01', ageDays: 100 }];

  it('counts what differs without a prune part when nothing is to be deleted, and the secrets due, in their own section', () => {
    const plan = aPlan({ actions: [anUpdate('u', [scalar('description', 'a', 'b')])], secretsDue: due });
    const text = render(aReport({ kind: 'check', plan }));
    expect(body(text)[2]).toBe('**The org differs from the repository:** 1 changed, 0 missing · 1 secret due for rotation');
    expect(blockAt(text, '#### 🔑 1 secret due for rotation')).toEqual(['#### 🔑 1 secret due for rotation']);
    expect(text).toContain('\n- `c`: written `2026-01-01`, 100 days ago (rotation every 90 days)\n');
  });

  it('counts secrets due when there is no drift', () => {
    const plan = aPlan({ actions: [aNoop('a')], secretsDue: [...due, { ...due[0]!, client: 'd' }] });
    expect(body(render(aReport({ kind: 'check', plan })))[2]).toBe(
      '**No drift.** The org matches the repository. · 1 unchanged · 2 secrets due for rotation',
    );
  });

  it('leaves secrets due out of a plan comment: only a drift check lists them', () => {
    const text = render(aReport({ plan: aPlan({ actions: [aCreate('a')], secretsDue: due }) }));
    expect(text).not.toContain('due for rotation');
  });
});

describe('renderReport: warnings before the changes', () => {
  it('says "it" for one destructive change', () => {
    expect(blockAt(render(aReport({ plan: aPlan({ actions: [aDelete('d')] }) })), '> [!WARNING]')).toEqual([
      '> [!WARNING]',
      '> **1 destructive change**: clients using it stop getting tokens.',
      '> - `d` will be **deleted** (id `id-d`)',
    ]);
  });

  it('tells how to recover the clients an interrupted apply created', () => {
    expect(blockAt(render(aReport({ plan: aPlan(), interrupted: { clients: ['a', 'b'] } })), '> [!WARNING]')).toEqual([
      '> [!WARNING]',
      '> **An earlier apply was interrupted** after creating 2 clients; Genesys showed each secret once, to that run, ' +
        'which never delivered it.',
      '> Reset the secret of each (Genesys: the client → Reset secret; a reset ends the old secret at once) and hand ' +
        'the new one to whoever uses the client.',
      '> - `a` was created by an interrupted run; its secret was not delivered.',
      '> - `b` was created by an interrupted run; its secret was not delivered.',
    ]);
    expect(render(aReport({ plan: aPlan(), interrupted: { clients: [] } }))).not.toContain('[!WARNING]');
  });

  it('lists the differences of a refused apply one per line', () => {
    const text = render(
      aReport({
        kind: 'apply',
        plan: aPlan(),
        refusal: { reason: 'plan-changed', differences: ['`a`: new.', '`b`: gone.'], hint: 'Re-plan.' },
      }),
    );
    expect(text).toContain('\n> Re-plan.\n>\n> - `a`: new.\n> - `b`: gone.\n\n');
  });
});

describe('renderReport: what an apply did not finish', () => {
  const plan = aPlan({ actions: [aCreate('a'), aReset('r')] });

  it('names each channel a secret missed, clients still differing, and clients created twice', () => {
    const apply: ApplyResult = {
      outcomes: [
        {
          kind: 'created',
          client: 'a',
          id: id('new-a'),
          secretDeliveredTo: [],
          deliveryFailures: [
            { channel: 'output', error: { message: 'x' } },
            { channel: 'file', error: { message: 'y' } },
          ],
        },
        {
          kind: 'secret-reset',
          client: 'r',
          id: id('id-r'),
          secretDeliveredTo: [],
          deliveryFailures: [{ channel: 'github-secret', error: { message: 'z' } }],
        },
      ],
      unconverged: ['a', 'r'],
      duplicates: [{ client: 'a', id: id('new-a'), others: [id('o-1'), id('o-2')] }],
    };
    expect(blockAt(render(aReport({ kind: 'apply', plan, apply })), '> [!CAUTION]')).toEqual([
      '> [!CAUTION]',
      '> **Apply did not finish cleanly.**',
      '> - `a` was created, but its secret did not reach: output, file. Genesys shows a secret only once: reset it in Genesys to ' +
        'get a new one.',
      '> - The secret of `r` was reset, but did not reach: github-secret. Fix the cause and re-run: a lasting channel that ' +
        'holds no secret is reset and delivered again.',
      '> - Read back after applying, these still differ from their definitions: `a`, `r`',
      '> - `a` exists twice: this run created `new-a`, and `o-1`, `o-2` appeared beside it (another apply running at the ' +
        'same time). Each holds a different secret: keep the one whose secret was delivered, delete the other, and run ' +
        'every apply of an org in one `concurrency` group.',
    ]);
  });

  it('matches a reset outcome to its reset and a failed create to its create, whatever id the failure carries', () => {
    const apply: ApplyResult = {
      outcomes: [
        { kind: 'failed', client: 'a', action: 'create', id: id('half-made'), error: { message: 'Create failed.' } },
        { kind: 'failed', client: 'r', action: 'reset-secret', id: id('id-r'), error: { message: 'Reset failed.' } },
      ],
      unconverged: [],
    };
    const text = render(aReport({ kind: 'apply', plan, apply }));
    expect(text).toContain('❌ <b>create failed</b> <code>a</code>');
    expect(text).toContain('❌ <b>reset-secret failed</b> <code>r</code>');
    const reset: ApplyResult = {
      outcomes: [{ kind: 'secret-reset', client: 'r', id: id('id-r'), secretDeliveredTo: ['file'] }],
      unconverged: [],
    };
    expect(render(aReport({ kind: 'apply', plan: aPlan({ actions: [aReset('r')] }), apply: reset }))).toContain(
      '✅ <b>secret reset</b> <code>r</code>',
    );
  });
});

describe('renderReport: problems', () => {
  const problem = (message: string, extra: Partial<Problem> = {}): Problem => ({ message, ...extra });

  it('says a plan with errors cannot be applied, but not when the errors are in the definitions', () => {
    const planOnly = render(aReport({ plan: aPlan({ problems: [problem('Boom.')] }) }));
    expect(blockAt(planOnly, '#### ❌ 1 problem')).toEqual(['#### ❌ 1 problem']);
    expect(planOnly).toContain(
      '#### ❌ 1 problem\n\nPlanning found errors: the plan cannot be applied until they are fixed.\n\n- Boom.\n\n',
    );
    const inDefinitions = render(aReport({ plan: aPlan({ problems: [problem('Boom.')] }), problems: [problem('Bad file.')] }));
    expect(inDefinitions).toContain('#### ❌ 2 problems\n\n- Bad file.\n- Boom.\n\n');
  });

  it('places a problem by file, line and column as far as they are known, and shows a bare message bare', () => {
    const text = render(
      aReport({
        kind: 'validate',
        problems: [problem('No line.', { file: 'a.yaml' }), problem('No column.', { file: 'b.yaml', line: 3 }), problem('Nowhere.')],
      }),
    );
    expect(text).toContain('\n\n- `a.yaml`: No line.\n- `b.yaml:3`: No column.\n- Nowhere.\n\n');
  });
});

describe('renderReport: unmanaged clients', () => {
  it('says they are left alone when prune deletes only some of them', () => {
    const plan = aPlan({
      actions: [aDelete('x', 'u-1')],
      unmanaged: [
        { id: id('u-1'), name: 'x' },
        { id: id('u-2'), name: 'y' },
      ],
    });
    expect(render(aReport({ plan }))).toContain(
      '#### 2 unmanaged clients\n\nIn the org, not in the repository. They are left alone: set `prune: true` to delete them, ' +
        'or list them under `ignore` to stop reporting them.\n\n`x`, `y`',
    );
  });
});

describe('renderReport: cut to fit', () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => `c${String(i).padStart(4, '0')}`);
  const failed = (client: string): ApplyResult['outcomes'][number] => ({
    kind: 'failed',
    client,
    action: 'update',
    id: id(`id-${client}`),
    error: { message: 'No.' },
  });

  it.each<[string, Report, RegExp]>([
    [
      'differences of a refusal',
      aReport({ kind: 'apply', refusal: { reason: 'plan-changed', differences: many(1_000), hint: 'h' } }),
      /\n>\n> … and \d+ more differences\.\n\n---\n/,
    ],
    ['clients of an interrupted apply', aReport({ plan: aPlan(), interrupted: { clients: many(1_000) } }), /\n> - … and \d+ more\n\n---\n/],
    ['destructive changes', aReport({ plan: aPlan({ actions: many(1_000).map((name) => aDelete(name)) }) }), /\n> - … and \d+ more\n\n/],
    [
      'failures of an apply',
      aReport({ kind: 'apply', apply: { outcomes: many(1_000).map(failed), unconverged: [] } }),
      /\n> - … and \d+ more\n\n---\n/,
    ],
    [
      'warnings',
      aReport({ plan: aPlan(), warnings: many(1_000).map((message) => ({ message })) }),
      /\n\n… and \d+ more warnings not shown: see the job summary\.\n\n---\n/,
    ],
    [
      'unmanaged clients',
      aReport({ plan: aPlan({ unmanaged: many(2_000).map((name) => ({ id: id(name), name })) }) }),
      /, `c\d{4}`\n\n… and \d+ more\.\n\n---\n/,
    ],
  ])('ends the %s it could not show with how many are left out', (_, report, note) => {
    const text = renderReport(report, { limit: 6_000, secrets: [] });
    expect(text.length).toBeLessThanOrEqual(6_000);
    expect(text).toMatch(note);
  });

  it('counts characters for a comment, so wide names that fit a comment are all shown', () => {
    const names = many(3_000).map((name) => `客户客户客户客户-${name}`);
    const text = renderReport(aReport({ plan: aPlan({ unmanaged: names.map((name) => ({ id: id(name), name })) }) }), {
      limit: COMMENT_LIMIT,
      secrets: [],
    });
    expect(Buffer.byteLength(text)).toBeGreaterThan(COMMENT_LIMIT);
    expect(text).toContain(`\`${names.at(-1)}\`\n\n---\n`);
  });
});
