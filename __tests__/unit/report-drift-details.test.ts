// For `check`: each drifted client from the reader's side ("repository says X, org has Y"), who changed it, and the
// roles the org grants beyond what was reviewed, with the YAML that would keep them.
import { describe, expect, it } from 'vitest';
import type { DivisionId, FieldChange, PlanAction, RoleGrant, RoleId } from '../../src/core/types.js';
import { describeFieldDrift, renderDriftItems } from '../../src/report/drift-details.js';
import { code } from '../../src/report/markdown.js';
import { aClient, anUpdate, id, scalar } from '../helpers/report-builders.js';

const grant = (role: string, division: string, names: { role_name?: string; division_name?: string } = {}): RoleGrant => ({
  role_id: role as RoleId,
  division_id: division as DivisionId,
  ...names,
});
const LONG_NAME = 'A role whose name is long enough that a YAML writer would fold it onto two lines';
const READER = grant('r-1', '*', { role_name: 'Reader' });
const BARE = grant('r-2', 'd-2');
const LONG = grant('r-3', 'd-3', { role_name: LONG_NAME, division_name: 'Sales' });

/** An update whose only change is its roles; `orgRoles` is what the org grants now. */
const roleDrift = (orgRoles: RoleGrant[], change: { added?: RoleGrant[]; removed?: RoleGrant[] }): PlanAction => ({
  ...(anUpdate('web', []) as Extract<PlanAction, { kind: 'update' }>),
  current: aClient({ name: 'web', roles: orgRoles }),
  changes: [{ kind: 'roles', field: 'roles', added: change.added ?? [], removed: change.removed ?? [] }],
});

describe('renderDriftItems', () => {
  it('says which lasting channel of a client holds no secret, and what the next apply does', () => {
    const reset: PlanAction = {
      kind: 'reset-secret',
      client: 'bot',
      id: id('id-bot'),
      missing: ['github-secret', 'integration-credential'],
      delivery: { expose_client_secret: false },
    };
    expect(renderDriftItems([reset])).toEqual([
      '- `bot` (id `id-bot`) declares a GitHub secret and an integration credential that hold no secret: ' +
        'the next apply resets its secret and delivers it.',
    ]);
  });

  it('says who changed a drifted client, and nothing of it when nobody is known', () => {
    const update = anUpdate('web', [scalar('description', 'org text', 'repo text')], 'id-web');
    const attribution = { client: 'web', id: id('id-web'), modifiedBy: { kind: 'user', id: 'u', name: 'Jane Doe' } as const };
    const lines = ['  - `description`: repository says `"repo text"`, org has `"org text"`'];
    expect(renderDriftItems([update], [attribution])).toEqual([
      ['- `web` (id `id-web`) **differs** (changed by Jane Doe):', ...lines].join('\n'),
    ]);
    expect(renderDriftItems([update])).toEqual([['- `web` (id `id-web`) **differs**:', ...lines].join('\n')]);
  });

  it('marks roles granted in the org first, and writes every role the org grants as a definition keeps it', () => {
    expect(renderDriftItems([roleDrift([READER, BARE, LONG], { added: [grant('r-9', 'd-9')], removed: [READER, BARE] })])).toEqual([
      [
        '- `web` (id `id-web`) **differs**:',
        '  - ⚠️ `roles`: the org grants 2 roles the repository does not declare (more access than was reviewed):',
        '    ```diff',
        '    + Reader (r-1) in all divisions (*)   ← granted in the org, not in the repository',
        '    + r-2 in d-2   ← granted in the org, not in the repository',
        '    - r-9 in d-9   ← in the repository, not granted in the org',
        '    ```',
        "    To keep the org's roles, write them in the definition:",
        '    ```yaml',
        '    roles:',
        '      - role: Reader',
        '        division: "*"',
        '      - role_id: r-2',
        '        division_id: d-2',
        `      - role: ${LONG_NAME}`,
        '        division: Sales',
        '    ```',
      ].join('\n'),
    ]);
  });

  it('says the org lacks roles the repository declares, and keeps no role when the org grants none', () => {
    expect(renderDriftItems([roleDrift([], { added: [grant('r-9', 'd-9'), grant('r-8', 'd-9')] })])).toEqual([
      [
        '- `web` (id `id-web`) **differs**:',
        '  - `roles`: the org lacks 2 roles the repository declares:',
        '    ```diff',
        '    - r-9 in d-9   ← in the repository, not granted in the org',
        '    - r-8 in d-9   ← in the repository, not granted in the org',
        '    ```',
        "    To keep the org's roles, write them in the definition:",
        '    ```yaml',
        '    roles: []',
        '    ```',
      ].join('\n'),
    ]);
  });

  it.each([
    [
      'grants',
      { removed: [READER] },
      '  - ⚠️ `roles`: the org grants a role the repository does not declare (more access than was reviewed):',
    ],
    ['lacks', { added: [BARE] }, '  - `roles`: the org lacks a role the repository declares:'],
  ])('says the org %s a single role in the singular', (_, change, summary) => {
    expect(renderDriftItems([roleDrift([READER], change)])[0]?.split('\n')[1]).toBe(summary);
  });
});

describe('describeFieldDrift', () => {
  it.each<[string, FieldChange, string]>([
    [
      'a set that differs both ways',
      { kind: 'set', field: 'scopes', added: ['a', 'b'], removed: ['c', 'd'] },
      '`scopes`: repository has `a`, `b`, org does not; org has `c`, `d`, repository does not',
    ],
    [
      'a set the org lacks values of',
      { kind: 'set', field: 'scopes', added: ['a'], removed: [] },
      '`scopes`: repository has `a`, org does not',
    ],
    [
      'a set the org has more values in',
      { kind: 'set', field: 'scopes', added: [], removed: ['c'] },
      '`scopes`: org has `c`, repository does not',
    ],
  ])('tells %s', (_, change, said) => {
    expect(describeFieldDrift(change, code)).toBe(said);
  });
});
