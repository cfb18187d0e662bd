// The plan and its outcome as the CLI prints them: the same facts as the Markdown report, line by line, for a shell.
import { describe, expect, it } from 'vitest';
import { COLOURS, PLAIN, type Palette, renderTerminal } from '../../src/cli/terminal.js';
import type { CheckAudit } from '../../src/core/audit.js';
import type { ClientOutcome, DivisionId, FieldChange, PlanAction, RoleId } from '../../src/core/types.js';
import type { Refusal, Report } from '../../src/report/report.js';
import { aCreate, aDelete, aNoop, aPlan, aReport, anUpdate, id, scalar } from '../helpers/report-builders.js';

const lines = (report: Report, secrets: string[] = [], palette: Palette = PLAIN) =>
  renderTerminal({ report }, palette, secrets).split('\n');

const aResetSecret = (name: string): PlanAction => ({
  kind: 'reset-secret',
  client: name,
  id: id(`id-${name}`),
  missing: ['github-secret', 'integration-credential'],
  delivery: { expose_client_secret: false },
});

const scopes: FieldChange = { kind: 'set', field: 'scopes', added: ['analytics'], removed: ['users'] };
const roles: FieldChange = {
  kind: 'roles',
  field: 'roles',
  added: [{ role_id: 'role-reader' as RoleId, division_id: 'div-sales' as DivisionId, role_name: 'Reader', division_name: 'Sales' }],
  removed: [
    { role_id: 'role-admin' as RoleId, division_id: '*', role_name: 'admin' },
    { role_id: 'role-x' as RoleId, division_id: 'div-y' as DivisionId },
  ],
};
const reporting = anUpdate('reporting', [
  scalar('description', '', 'Nightly reports'),
  scalar('access_token_validity_seconds', 3_600, 86_400),
  scopes,
  roles,
]);

describe('renderTerminal: problems and warnings', () => {
  it('prefixes each with its file:line:col, else its client, else nothing; line and column default to 1', () => {
    const report = aReport({
      kind: 'validate',
      problems: [
        { file: 'clients/web.yaml', line: 3, column: 5, client: 'web', message: 'bad grant type' },
        { file: 'clients/bot.yaml', message: 'not a mapping' },
        { client: 'bot', message: 'duplicate name' },
        { message: 'no definitions found' },
      ],
      warnings: [
        { file: 'clients/scim.yaml', line: 7, column: 2, message: 'long token' },
        { file: 'clients/scim.yaml', column: 9, message: 'on line 1' },
        { file: 'clients/scim.yaml', line: 4, message: 'in column 1' },
        { client: 'scim', message: 'unused scope' },
        { message: 'bare' },
      ],
      failure: { reason: 'validation-failed', message: '4 problems in the definitions.' },
    });
    expect(lines(report)).toEqual([
      'error: clients/web.yaml:3:5: bad grant type',
      'error: clients/bot.yaml:1:1: not a mapping',
      'error: bot: duplicate name',
      'error: no definitions found',
      'warning: clients/scim.yaml:7:2: long token',
      'warning: clients/scim.yaml:1:9: on line 1',
      'warning: clients/scim.yaml:4:1: in column 1',
      'warning: scim: unused scope',
      'warning: bare',
      'validation-failed: 4 problems in the definitions.',
    ]);
  });

  it('says the definitions are valid when validate finds nothing wrong', () => {
    expect(lines(aReport({ kind: 'validate' }))).toEqual(['The definitions are valid. Nothing was sent to Genesys.']);
  });

  it('prints nothing at all for a run that has nothing to say', () => {
    expect(renderTerminal({ report: aReport({ kind: 'apply' }) }, PLAIN, [])).toBe('');
  });
});

describe('renderTerminal: plan', () => {
  it('prints the counts, each change in full, deletes first, and the clients it leaves alone', () => {
    const plan = aPlan({
      actions: [
        aCreate('web-app', { authorized_grant_type: 'CODE' }),
        reporting,
        aDelete('old-thing'),
        aNoop('same'),
        aResetSecret('vault'),
      ],
      unmanaged: [
        { id: id('u-1'), name: 'made-in-ui' },
        { id: id('u-2'), name: 'legacy' },
      ],
      leftAlone: [
        { reason: 'awaiting-deletion', id: id('g-1'), name: 'going', dateToDelete: '2026-12-01T00:00:00Z' },
        { reason: 'awaiting-deletion', id: id('g-2'), name: 'gone' },
        { reason: 'unrecognised', id: id('w-1'), name: 'weird', field: 'authorized_grant_type', value: 'JWT-BEARER' },
      ],
    });
    expect(lines(aReport({ plan }))).toEqual([
      'Plan for prod: 1 to create, 1 to update, 1 to delete, 1 secret to reset, 2 unmanaged.',
      '  - delete old-thing (id-old-thing)',
      '  + create web-app (CODE)',
      '  ~ update reporting (id-reporting)',
      '    description: "" → "Nightly reports"',
      '    access_token_validity_seconds: 3600 → 86400',
      '    scopes:',
      '      + analytics',
      '      - users',
      '    roles:',
      '      + Reader in Sales',
      '      - admin in all divisions',
      '      - role-x in div-y',
      '  ! reset secret vault (id-vault)',
      '    github-secret, integration-credential hold no secret; the old secret stops working at once',
      '  unmanaged (left alone): made-in-ui, legacy',
      '  awaiting deletion (left alone): going, gone',
      '  unknown grant type or state (left alone): weird (JWT-BEARER)',
    ]);
  });

  it('puts every delete before the other actions and keeps the order of the rest', () => {
    const plan = aPlan({ actions: [aCreate('a'), aDelete('d1'), aCreate('b'), aCreate('c'), aDelete('d2'), aCreate('e')] });
    expect(lines(aReport({ plan })).slice(1)).toEqual([
      '  - delete d1 (id-d1)',
      '  - delete d2 (id-d2)',
      '  + create a (CLIENT-CREDENTIALS)',
      '  + create b (CLIENT-CREDENTIALS)',
      '  + create c (CLIENT-CREDENTIALS)',
      '  + create e (CLIENT-CREDENTIALS)',
    ]);
  });

  it('shows a pruned client once, as a delete, and lists only the others as left alone', () => {
    const plan = aPlan({
      actions: [aDelete('legacy', 'u-2')],
      unmanaged: [
        { id: id('u-1'), name: 'made-in-ui' },
        { id: id('u-2'), name: 'legacy' },
      ],
    });
    expect(lines(aReport({ plan }))).toEqual([
      'Plan for prod: 0 to create, 0 to update, 1 to delete, 2 unmanaged.',
      '  - delete legacy (u-2)',
      '  unmanaged (left alone): made-in-ui',
    ]);
  });

  it('prints no unmanaged line when every unmanaged client is pruned', () => {
    const plan = aPlan({ actions: [aDelete('legacy', 'u-2')], unmanaged: [{ id: id('u-2'), name: 'legacy' }] });
    expect(lines(aReport({ plan }))).toEqual([
      'Plan for prod: 0 to create, 0 to update, 1 to delete, 1 unmanaged.',
      '  - delete legacy (u-2)',
    ]);
  });

  it('says there are no changes when every client matches', () => {
    expect(lines(aReport({ plan: aPlan({ actions: [aNoop('same')] }) }))).toEqual([
      'Plan for prod: 0 to create, 0 to update, 0 to delete, 0 unmanaged.',
      'No changes. The org matches the repository.',
    ]);
    expect(lines(aReport({ plan: aPlan() }))).toEqual([
      'Plan for prod: 0 to create, 0 to update, 0 to delete, 0 unmanaged.',
      'No changes. The org matches the repository.',
    ]);
  });

  it('counts a secret reset as a change', () => {
    expect(lines(aReport({ plan: aPlan({ actions: [aNoop('same'), aResetSecret('vault')] }) }))).toEqual([
      'Plan for prod: 0 to create, 0 to update, 0 to delete, 1 secret to reset, 0 unmanaged.',
      '  ! reset secret vault (id-vault)',
      '    github-secret, integration-credential hold no secret; the old secret stops working at once',
    ]);
  });

  it('lists the problems before a headline that says nothing can be applied, then the warnings and the other clients', () => {
    const plan = aPlan({
      actions: [aCreate('web-app')],
      problems: [
        { file: 'clients/a.yaml', line: 2, column: 3, client: 'a', message: 'role `x` does not exist' },
        { client: 'b', message: 'two live clients are named `b`' },
      ],
      warnings: [{ file: 'clients/scim.yaml', line: 4, column: 3, message: 'long token' }],
    });
    const expected = [
      'error: clients/a.yaml:2:3: role `x` does not exist',
      'error: b: two live clients are named `b`',
      'Plan for prod: 2 problem(s) above; nothing can be applied until they are fixed. For the other clients:',
      'warning: clients/scim.yaml:4:3: long token',
      '  + create web-app (CLIENT-CREDENTIALS)',
      'plan-failed: 2 problems.',
    ];
    const failure = { reason: 'plan-failed', message: '2 problems.' } as const;
    expect(lines(aReport({ plan, failure }))).toEqual(expected);
    expect(lines(aReport({ kind: 'check', plan, failure }))).toEqual([
      ...expected.slice(0, 4),
      '  ! web-app is missing: declared in the repository, not in the org',
      'plan-failed: 2 problems.',
    ]);
  });

  it('prints the secrets due for rotation', () => {
    const plan = aPlan({
      actions: [aNoop('vault')],
      secretsDue: [
        { client: 'vault', id: id('id-vault'), rotationDays: 90, writtenAt: '2026-01-01T00:00:00Z', ageDays: 120 },
        { client: 'daily', id: id('id-daily'), rotationDays: 1, writtenAt: '2026-04-30T00:00:00Z', ageDays: 1 },
      ],
    });
    expect(lines(aReport({ plan }))).toEqual([
      'Plan for prod: 0 to create, 0 to update, 0 to delete, 0 unmanaged.',
      '  secret of vault due for rotation (120 days old)',
      '  secret of daily due for rotation (1 day old)',
      'No changes. The org matches the repository.',
    ]);
  });

  it('makes control characters in org values visible, and redacts secrets', () => {
    const plan = aPlan({ actions: [aCreate('evil\u001b[2J-sup3r-s3cret-value')], unmanaged: [{ id: id('u-1'), name: 'x\u0007y' }] });
    expect(lines(aReport({ plan }), ['sup3r-s3cret-value'])).toEqual([
      'Plan for prod: 1 to create, 0 to update, 0 to delete, 1 unmanaged.',
      '  + create evil␛[2J-*** (CLIENT-CREDENTIALS)',
      '  unmanaged (left alone): x␇y',
    ]);
  });
});

const jane = {
  client: 'reporting',
  id: id('id-reporting'),
  dateModified: '2026-11-29T09:14:00Z',
  modifiedBy: { kind: 'user', id: 'u-jane', name: 'Jane Doe' },
} as const;
const audit = (overrides: Partial<CheckAudit> = {}): CheckAudit => ({ attributions: [], ...overrides });
const drift = (detected: boolean) => ({ detected, changed: [], missing: [], unmanaged: [] });

describe('renderTerminal: check', () => {
  it('says there is no drift when the org matches', () => {
    expect(lines(aReport({ kind: 'check', plan: aPlan({ actions: [aNoop('same')] }), drift: drift(false) }))).toEqual([
      'No drift in prod: the org matches the repository.',
      'No drift.',
    ]);
  });

  it('adds the unmanaged clients to the no-drift headline and lists them', () => {
    const plan = aPlan({ unmanaged: [{ id: id('u-1'), name: 'made-in-ui' }] });
    expect(lines(aReport({ kind: 'check', plan, drift: drift(false) }))).toEqual([
      'No drift in prod: the org matches the repository; 1 unmanaged (left alone).',
      '  unmanaged (left alone): made-in-ui',
      'No drift.',
    ]);
  });

  it("tells each drift in the drift issue's words, with who changed it, roles granted in the org first", () => {
    const plan = aPlan({
      actions: [
        aCreate('web-app'),
        reporting,
        anUpdate('batch', [scalar('state', 'inactive', 'active')]),
        aNoop('same'),
        aResetSecret('vault'),
      ],
    });
    const report = aReport({ kind: 'check', plan, drift: drift(true), audit: audit({ attributions: [jane] }) });
    expect(lines(report)).toEqual([
      'Drift in prod: 2 changed, 1 missing.',
      '  ! web-app is missing: declared in the repository, not in the org',
      '  ~ reporting differs (id-reporting), changed by Jane Doe at 2026-11-29 09:14 UTC',
      '    `description`: repository says `"Nightly reports"`, org has `""`',
      '    `access_token_validity_seconds`: repository says `86400 (24 h)`, org has `3600 (1 h)`',
      '    `scopes`: repository has `analytics`, org does not; org has `users`, repository does not',
      '    roles:',
      '      + admin (role-admin) in all divisions (*)   ← granted in the org, not in the repository',
      '      + role-x in div-y   ← granted in the org, not in the repository',
      '      - Reader (role-reader) in Sales (div-sales)   ← in the repository, not granted in the org',
      '  ~ batch differs (id-batch)',
      '    `state`: repository says `active`, org has `inactive`',
      '  ! vault: github-secret, integration-credential hold no secret; the next apply resets and delivers it',
      'Drift found.',
    ]);
  });

  it('adds nothing after the id when the attribution belongs to another client or records nothing', () => {
    const plan = aPlan({ actions: [anUpdate('batch', [scalar('state', 'inactive', 'active')])] });
    const nothing = { client: 'batch', id: id('id-batch') };
    for (const attributions of [[jane], [nothing]]) {
      expect(lines(aReport({ kind: 'check', plan, drift: drift(true), audit: audit({ attributions }) })).slice(1, 2)).toEqual([
        '  ~ batch differs (id-batch)',
      ]);
    }
  });

  it('counts pruned deletes in the headline and shows them first', () => {
    const plan = aPlan({
      actions: [anUpdate('batch', [scalar('state', 'inactive', 'active')]), aDelete('legacy', 'u-2')],
      unmanaged: [
        { id: id('u-1'), name: 'made-in-ui' },
        { id: id('u-2'), name: 'legacy' },
      ],
    });
    expect(lines(aReport({ kind: 'check', plan, drift: drift(true) }))).toEqual([
      'Drift in prod: 1 changed, 0 missing, 1 to delete (--prune); 1 unmanaged (left alone).',
      '  - legacy (u-2) is in the org, not in the repository, and --prune is on',
      '  ~ batch differs (id-batch)',
      '    `state`: repository says `active`, org has `inactive`',
      '  unmanaged (left alone): made-in-ui',
      'Drift found.',
    ]);
  });

  it.each([
    ['a change', [anUpdate('batch', [])], 'Drift in prod: 1 changed, 0 missing.'],
    ['a missing client', [aCreate('web')], 'Drift in prod: 0 changed, 1 missing.'],
    ['a delete', [aDelete('legacy')], 'Drift in prod: 0 changed, 0 missing, 1 to delete (--prune).'],
    ['a change and a missing client', [anUpdate('batch', []), aCreate('web')], 'Drift in prod: 1 changed, 1 missing.'],
    ['a missing client and a delete', [aCreate('web'), aDelete('legacy')], 'Drift in prod: 0 changed, 1 missing, 1 to delete (--prune).'],
  ])('reads drift from the plan itself when no verdict was given: %s', (_, actions, headline) => {
    expect(lines(aReport({ kind: 'check', plan: aPlan({ actions }) }))[0]).toBe(headline);
  });

  it('reports drift with nothing to count when the verdict says so', () => {
    expect(lines(aReport({ kind: 'check', plan: aPlan(), drift: drift(true) }))).toEqual([
      'Drift in prod: 0 changed, 0 missing.',
      'Drift found.',
    ]);
  });

  it('says no drift when there is no verdict and nothing differs', () => {
    expect(lines(aReport({ kind: 'check', plan: aPlan() }))).toEqual(['No drift in prod: the org matches the repository.', 'No drift.']);
  });

  it('lists the unused clients after the drift', () => {
    const stale = { afterDays: 90, since: '2025-11-29T12:00:00Z', clients: [{ name: 'old', id: id('id-old'), managed: true }] };
    const report = aReport({ kind: 'check', plan: aPlan({ actions: [aNoop('old')] }), drift: drift(false), audit: audit({ stale }) });
    expect(lines(report)).toEqual([
      'No drift in prod: the org matches the repository.',
      'Unused for 90 days or more (not drift; --stale-after-days sets the window):',
      '  old (id-old): no use since 2025-11-29',
      'No drift.',
    ]);
  });

  it('gives no verdict when the run failed', () => {
    const failure = { reason: 'auth-failed', message: 'Genesys refused the credentials.' } as const;
    expect(lines(aReport({ kind: 'check', failure }))).toEqual(['auth-failed: Genesys refused the credentials.']);
  });
});

describe('renderTerminal: apply', () => {
  it('prints each outcome, the failures with their API error, and the clients that do not read back', () => {
    const outcomes: ClientOutcome[] = [
      { kind: 'created', client: 'web-app', id: id('id-web-app'), secretDeliveredTo: ['output'] },
      { kind: 'updated', client: 'reporting', id: id('id-reporting') },
      { kind: 'deleted', client: 'old-thing', id: id('id-old-thing') },
      { kind: 'secret-reset', client: 'vault', id: id('id-vault'), secretDeliveredTo: ['github-secret'] },
      {
        kind: 'failed',
        client: 'batch',
        action: 'update',
        id: id('id-batch'),
        error: { status: 409, code: 'conflict', message: 'Version mismatch', correlationId: 'c-1' },
      },
    ];
    const plan = aPlan({ actions: [aCreate('web-app'), anUpdate('batch', [scalar('description', 'a', 'b')])] });
    const report = aReport({
      kind: 'apply',
      plan,
      apply: { outcomes, unconverged: ['reporting', 'vault'] },
      failure: { reason: 'apply-failed', message: '1 client failed.' },
    });
    expect(lines(report)).toEqual([
      'Plan for prod: 1 to create, 1 to update, 0 to delete, 0 unmanaged.',
      '  + create web-app (CLIENT-CREDENTIALS)',
      '  ~ update batch (id-batch)',
      '    description: "a" → "b"',
      '  ✓ created web-app',
      '  ✓ updated reporting',
      '  ✓ deleted old-thing',
      '  ✓ secret-reset vault',
      '  ✗ update batch failed: Genesys 409 `conflict`: Version mismatch (correlation id `c-1`)',
      '  ✗ reporting does not read back as declared',
      '  ✗ vault does not read back as declared',
      'apply-failed: 1 client failed.',
    ]);
  });

  it('ends without a verdict when apply wrote everything', () => {
    const plan = aPlan({ actions: [aDelete('old-thing')] });
    const report = aReport({
      kind: 'apply',
      plan,
      apply: { outcomes: [{ kind: 'deleted', client: 'old-thing', id: id('id-old-thing') }], unconverged: [] },
    });
    expect(lines(report)).toEqual([
      'Plan for prod: 0 to create, 0 to update, 1 to delete, 0 unmanaged.',
      '  - delete old-thing (id-old-thing)',
      '  ✓ deleted old-thing',
    ]);
  });

  it('prints the refusal hint and each difference, and the failure after them', () => {
    const report = aReport({
      kind: 'apply',
      refusal: { reason: 'plan-changed', hint: 'Run plan again and review it.', differences: ['web: created', 'bot: roles changed'] },
      failure: { reason: 'plan-changed', message: 'The plan differs from the reviewed one.' },
    });
    expect(lines(report)).toEqual([
      'Run plan again and review it.',
      '  web: created',
      '  bot: roles changed',
      'plan-changed: The plan differs from the reviewed one.',
    ]);
  });

  it('prints the refusal hint alone when there are no differences', () => {
    const refusal: Refusal = { reason: 'not-reviewed', hint: 'Nobody reviewed this plan.', differences: [] };
    expect(lines(aReport({ kind: 'apply', refusal }))).toEqual(['Nobody reviewed this plan.']);
  });
});

describe('renderTerminal: rotate', () => {
  it('prints each rotation, where the secret went or did not, the failures and the refusals', () => {
    const report = aReport({
      kind: 'rotate',
      rotation: {
        chosen: [],
        outcomes: [
          { kind: 'secret-reset', client: 'vault', id: id('id-vault'), secretDeliveredTo: ['github-secret', 'integration-credential'] },
          { kind: 'secret-reset', client: 'quiet', id: id('id-quiet'), secretDeliveredTo: ['file'], deliveryFailures: [] },
          {
            kind: 'secret-reset',
            client: 'bot',
            id: id('id-bot'),
            secretDeliveredTo: ['output'],
            deliveryFailures: [
              { channel: 'github-secret', error: { status: 403, message: 'Forbidden' } },
              { channel: 'integration-credential', error: { message: 'timed out' } },
            ],
          },
          { kind: 'failed', client: 'web', action: 'reset-secret', error: { status: 500, message: 'Genesys 500: internal error' } },
          { kind: 'updated', client: 'ignored', id: id('id-ignored') },
        ],
        refused: [{ client: 'self', reason: 'it is the client this run authenticates as' }],
      },
      failure: { reason: 'rotation-failed', message: '1 secret was not reset.' },
    });
    expect(lines(report)).toEqual([
      '  ✓ rotated vault → github-secret, integration-credential',
      '  ✓ rotated quiet → file',
      '  ✗ rotated bot (not delivered to github-secret: Forbidden) (not delivered to integration-credential: timed out)',
      '  ✗ rotate web failed: Genesys 500: internal error',
      '  ✗ not rotated self: it is the client this run authenticates as',
      'rotation-failed: 1 secret was not reset.',
    ]);
  });
});

describe('renderTerminal: colours', () => {
  it('wraps each part in its ANSI colour after making the control characters of org values visible', () => {
    const plan = aPlan({
      actions: [aCreate('evil\u001b[2J'), anUpdate('batch', [scalar('state', 'inactive', 'active')]), aDelete('old')],
      warnings: [{ client: 'scim', message: 'long token' }],
    });
    const report = aReport({ plan, problems: [{ message: 'bad' }], warnings: [{ message: 'odd\u001b]0;x\u0007' }] });
    expect(lines(report, [], COLOURS)).toEqual([
      '\u001b[31merror: bad\u001b[0m',
      '\u001b[33mwarning: odd␛]0;x␇\u001b[0m',
      '\u001b[1mPlan for prod: 1 to create, 1 to update, 1 to delete, 0 unmanaged.\u001b[0m',
      '\u001b[33mwarning: scim: long token\u001b[0m',
      '\u001b[31m  - delete old\u001b[0m\u001b[2m (id-old)\u001b[0m',
      '\u001b[32m  + create evil␛[2J\u001b[0m\u001b[2m (CLIENT-CREDENTIALS)\u001b[0m',
      '\u001b[33m  ~ update batch\u001b[0m\u001b[2m (id-batch)\u001b[0m',
      '    state: \u001b[31m"inactive"\u001b[0m → \u001b[32m"active"\u001b[0m',
    ]);
  });

  it('colours the verdicts: green for no changes and no drift, yellow for drift', () => {
    expect(lines(aReport({ plan: aPlan() }), [], COLOURS).at(-1)).toBe('\u001b[32mNo changes. The org matches the repository.\u001b[0m');
    expect(lines(aReport({ kind: 'check', plan: aPlan() }), [], COLOURS).at(-1)).toBe('\u001b[32mNo drift.\u001b[0m');
    expect(lines(aReport({ kind: 'check', plan: aPlan(), drift: drift(true) }), [], COLOURS).at(-1)).toBe(
      '\u001b[33mDrift found.\u001b[0m',
    );
  });
});
