import { describe, expect, it } from 'vitest';
import type { DivisionId, PlanAction, RoleGrant, RoleId, SourcePosition } from '../../src/core/types.js';
import { buildChangeAnnotations } from '../../src/report/change-annotations.js';
import { aCreate, aDelete, aNoop, aPlan, anUpdate, id, scalar } from '../helpers/report-builders.js';

const at = (line: number): SourcePosition => ({ file: 'genesys/oauth-clients/all.yaml', line, column: 3 });
const grant = (role: string, division = 'div-home'): RoleGrant => ({ role_id: role as RoleId, division_id: division as DivisionId });
const resetSecret = (client: string): PlanAction => ({
  kind: 'reset-secret',
  client,
  id: id(`id-${client}`),
  missing: ['github-secret', 'integration-credential'],
  delivery: { expose_client_secret: false },
});

/** Each action annotated at its own line, so a test can give every client an anchor. */
const annotate = (actions: PlanAction[]) =>
  buildChangeAnnotations(aPlan({ actions }), Object.fromEntries(actions.map((action, index) => [action.client, at(index + 1)])));

const messages = (actions: PlanAction[]) => annotate(actions).map(({ level, message }) => `${level}: ${message}`);

describe('buildChangeAnnotations', () => {
  it('warns about risky changes first, then notes the others, each at its own line', () => {
    const actions = [
      aCreate('web', { authorized_grant_type: 'CODE', scopes: ['openid'], registered_redirect_uris: ['https://a.example/cb'] }),
      anUpdate('a-scopes', [{ kind: 'set', field: 'scopes', added: ['analytics'], removed: ['users'] }]),
      anUpdate('reader', [
        scalar('description', 'old', 'new'),
        { kind: 'roles', field: 'roles', added: [], removed: [grant('role-admin')] },
      ]),
      resetSecret('vault'),
      anUpdate('batch', [scalar('state', 'active', 'inactive')]),
    ];
    expect(annotate(actions)).toEqual([
      {
        level: 'warning',
        client: 'batch',
        position: at(5),
        message: 'deactivate: state active → inactive. Whatever uses this client stops getting tokens.',
      },
      {
        level: 'warning',
        client: 'vault',
        position: at(4),
        message: 'reset-secret: github-secret and integration-credential hold no secret. The old secret stops working at once.',
      },
      {
        level: 'warning',
        client: 'reader',
        position: at(3),
        message: 'update: description changed; roles −role-admin in div-home. The client loses a role: whatever uses it loses that access.',
      },
      { level: 'notice', client: 'a-scopes', position: at(2), message: 'update: scopes +analytics −users' },
      { level: 'notice', client: 'web', position: at(1), message: 'create: CODE, 1 scope, 1 redirect URI' },
    ]);
  });

  it('says a single channel holds no secret, two hold none', () => {
    const one: PlanAction = { ...resetSecret('vault'), missing: ['github-secret'] } as PlanAction;
    expect(annotate([one]).map((annotation) => annotation.message)).toEqual([
      'reset-secret: github-secret holds no secret. The old secret stops working at once.',
    ]);
  });

  it('leaves out deletes, unchanged clients and clients without a known line', () => {
    const plan = aPlan({
      actions: [aDelete('gone'), aNoop('same'), anUpdate('elsewhere', [scalar('name', 'a', 'b')]), aCreate('constructor')],
    });
    expect(buildChangeAnnotations(plan, { gone: at(1), same: at(2) })).toEqual([]);
  });

  it.each<[string, PlanAction, string]>([
    [
      'a client-credentials client by its roles',
      aCreate('cc', { roles: [grant('role-a'), grant('role-b')] }),
      'create: CLIENT-CREDENTIALS, 2 roles',
    ],
    [
      'a client-credentials client with one role',
      aCreate('cc', { roles: [grant('role-a')], scopes: ['x'] }),
      'create: CLIENT-CREDENTIALS, 1 role',
    ],
    [
      'another grant by its scopes and redirect URIs',
      aCreate('web', { authorized_grant_type: 'CODE', scopes: ['a', 'b'], registered_redirect_uris: ['https://a/1', 'https://a/2'] }),
      'create: CODE, 2 scopes, 2 redirect URIs',
    ],
    [
      'another grant without redirect URIs by its scopes alone',
      aCreate('web', { authorized_grant_type: 'TOKEN', scopes: [] }),
      'create: TOKEN, 0 scopes',
    ],
  ])('notes the create of %s', (_, action, message) => {
    expect(messages([action])).toEqual([`notice: ${message}`]);
  });

  it.each<[string, PlanAction, string]>([
    [
      'scalars with their old and new values, and added and removed entries',
      anUpdate('svc', [
        scalar('access_token_validity_seconds', 3_600, 86_400),
        scalar('name', 'old-name', 'new-name'),
        { kind: 'set', field: 'registered_redirect_uris', added: ['https://a/1', 'https://a/2'], removed: [] },
        { kind: 'roles', field: 'roles', added: [{ ...grant('role-r'), role_name: 'Reader', division_name: 'Sales' }], removed: [] },
      ]),
      'notice: update: access_token_validity_seconds 3600 (1 h) → 86400 (24 h); name "old-name" → "new-name"; ' +
        'registered_redirect_uris +https://a/1 +https://a/2; roles +Reader (role-r) in Sales (div-home)',
    ],
    [
      'the number of roles a client loses',
      anUpdate('svc', [{ kind: 'roles', field: 'roles', added: [grant('role-c')], removed: [grant('role-a'), grant('role-b', '*')] }]),
      'warning: update: roles +role-c in div-home −role-a in div-home −role-b in all divisions (*). ' +
        'The client loses 2 roles: whatever uses it loses that access.',
    ],
    [
      'a deactivation before any role it loses',
      anUpdate('svc', [scalar('state', 'active', 'inactive'), { kind: 'roles', field: 'roles', added: [], removed: [grant('role-a')] }]),
      'warning: deactivate: state active → inactive; roles −role-a in div-home. Whatever uses this client stops getting tokens.',
    ],
    [
      'a reactivation as an ordinary change',
      anUpdate('svc', [scalar('state', 'inactive', 'active')]),
      'notice: update: state inactive → active',
    ],
  ])('describes an update: %s', (_, action, message) => {
    expect(messages([action])).toEqual([message]);
  });

  it('clips a value longer than 60 characters to 59 and an ellipsis, and keeps one of 60 whole', () => {
    const sixty = `https://example.com/${'x'.repeat(40)}`;
    const longer = `${sixty}yz`;
    const action = anUpdate('svc', [
      { kind: 'set', field: 'scopes', added: [sixty], removed: [longer] },
      scalar('name', 'n', 'y'.repeat(58)),
      scalar('name', 'n', 'y'.repeat(59)),
    ]);
    expect(sixty).toHaveLength(60);
    expect(messages([action])).toEqual([
      `notice: update: scopes +${sixty} −${sixty.slice(0, 59)}…; name "n" → "${'y'.repeat(58)}"; name "n" → "${'y'.repeat(58)}…`,
    ]);
  });
});
