import { describe, expect, it } from 'vitest';
import { summariseDrift } from '../../src/core/drift.js';
import { digestPlan } from '../../src/core/review.js';
import type { ApplyResult, DivisionId, RoleId } from '../../src/core/types.js';
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
