import { describe, expect, it } from 'vitest';
import { nameGrant } from '../../src/core/grant-names.js';
import type { DivisionRef, RoleGrant, RoleId } from '../../src/core/types.js';

const grant = (fields: Omit<Partial<RoleGrant>, 'division_id'> & { division_id: string }): RoleGrant => ({
  role_id: 'r-1' as RoleId,
  ...fields,
  division_id: fields.division_id as DivisionRef,
});

describe('nameGrant', () => {
  it.each([
    ['names with ids', grant({ role_name: 'admin', division_id: 'd-1', division_name: 'Sales' }), {}, 'admin (r-1)', 'Sales (d-1)'],
    ['ids alone without names', grant({ division_id: 'd-1' }), {}, 'r-1', 'd-1'],
    ['all divisions with its id', grant({ role_name: 'admin', division_id: '*' }), {}, 'admin (r-1)', 'all divisions (*)'],
    [
      'names alone at a terminal',
      grant({ role_name: 'admin', division_id: 'd-1', division_name: 'Sales' }),
      { ids: false },
      'admin',
      'Sales',
    ],
    ['all divisions at a terminal', grant({ division_id: '*' }), { ids: false }, 'r-1', 'all divisions'],
  ])('reads %s', (_what, g, options, role, division) => {
    expect(nameGrant(g, options)).toEqual({ role, division });
  });
});
