import { describe, expect, it } from 'vitest';
import { buildLookups, normaliseGrants, normaliseGrantType } from '../../src/core/normalise.js';
import type { ClientSpec, DivisionId, NamedDivision, NamedRole, RoleGrant, RoleId } from '../../src/core/types.js';
import {
  isLegacyListing,
  toClientRequest,
  toLiveClient,
  toRoleGrants,
  toSelfIdentity,
  type ApiOAuthClient,
  type ApiRoleDivision,
} from '../../src/genesys/mapping.js';

const roles: NamedRole[] = [
  { id: 'r-admin' as RoleId, name: 'admin' },
  { id: 'r-emp' as RoleId, name: 'employee' },
];
const divisions: NamedDivision[] = [{ id: 'd-sales' as DivisionId, name: 'Sales' }];
const home: NamedDivision = { id: 'd-home' as DivisionId, name: 'Home' };
const lookups = buildLookups({ roles, divisions, homeDivision: home });

const anApiClient = (overrides: Partial<ApiOAuthClient> = {}): ApiOAuthClient => ({
  id: 'c-1',
  name: 'web',
  authorizedGrantType: 'CODE',
  ...overrides,
});

describe('toLiveClient', () => {
  it('fills the defaults of fields the API leaves out', () => {
    expect(toLiveClient(anApiClient(), lookups)).toEqual({
      id: 'c-1',
      name: 'web',
      description: '',
      authorized_grant_type: 'CODE',
      access_token_validity_seconds: 86_400,
      registered_redirect_uris: [],
      scopes: [],
      roles: [],
      state: 'active',
    });
  });

  it('sorts and de-duplicates sets, and names role grants', () => {
    const live = toLiveClient(
      anApiClient({
        scope: ['b', 'a', 'b'],
        registeredRedirectUri: ['https://z.example', 'https://a.example', 'https://z.example'],
        roleDivisions: [
          { roleId: 'r-emp', divisionId: '*' },
          { roleId: 'r-admin', divisionId: 'd-sales' },
          { roleId: 'r-emp', divisionId: '*' },
          { roleId: 'r-admin', divisionId: 'd-home' },
        ],
        dateCreated: '2024-01-01T00:00:00Z',
      }),
      lookups,
    );
    expect(live.scopes).toEqual(['a', 'b']);
    expect(live.registered_redirect_uris).toEqual(['https://a.example', 'https://z.example']);
    expect(live.roles).toEqual([
      { role_id: 'r-admin', division_id: 'd-home', role_name: 'admin', division_name: 'Home' },
      { role_id: 'r-admin', division_id: 'd-sales', role_name: 'admin', division_name: 'Sales' },
      { role_id: 'r-emp', division_id: '*', role_name: 'employee', division_name: 'all divisions' },
    ]);
    expect(live.dateCreated).toBe('2024-01-01T00:00:00Z');
  });

  it.each([
    ['SAML2BEARER', 'SAML2-BEARER'],
    ['SAML2-BEARER', 'SAML2-BEARER'],
    ['CLIENT_CREDENTIALS', 'CLIENT-CREDENTIALS'],
    ['client-credentials', 'CLIENT-CREDENTIALS'],
  ])('spells grant type %s as %s', (api, ours) => {
    expect(toLiveClient(anApiClient({ authorizedGrantType: api })).authorized_grant_type).toBe(ours);
  });

  it.each([
    ['active', 'active'],
    ['inactive', 'inactive'],
    ['disabled', 'disabled'],
    ['quarantined', 'unknown'],
  ])('maps state %s to %s', (api, ours) => {
    expect(toLiveClient(anApiClient({ state: api })).state).toBe(ours);
  });

  it('reads deprecated roleIds as grants in the home division', () => {
    const live = toLiveClient(anApiClient({ roleIds: ['r-emp'] }), lookups);
    expect(live.roles).toEqual([{ role_id: 'r-emp', division_id: 'd-home', role_name: 'employee', division_name: 'Home' }]);
  });

  it('carries the dates and the last editor Genesys gave, and no date field it left out', () => {
    const dated = toLiveClient(
      anApiClient({
        dateCreated: '2024-01-01T00:00:00Z',
        dateModified: '2024-02-01T00:00:00Z',
        modifiedBy: { id: 'u-1' },
        dateToDelete: '2026-12-01T00:00:00Z',
      }),
    );
    expect(dated).toStrictEqual({
      ...toLiveClient(anApiClient()),
      dateCreated: '2024-01-01T00:00:00Z',
      dateModified: '2024-02-01T00:00:00Z',
      modifiedBy: 'u-1',
      dateToDelete: '2026-12-01T00:00:00Z',
    });
    expect(Object.keys(toLiveClient(anApiClient({ dateCreated: '', dateModified: '', dateToDelete: '' })))).toEqual([
      'id',
      'name',
      'description',
      'authorized_grant_type',
      'access_token_validity_seconds',
      'registered_redirect_uris',
      'scopes',
      'roles',
      'state',
    ]);
  });

  it('reads a client without a name or grant type as empty ones, and marks the missing grant type as not understood', () => {
    // The SDK types name and grant type as required; a listing may still lack them.
    expect(toLiveClient({ id: 'c-bare' } as ApiOAuthClient)).toStrictEqual({
      id: 'c-bare',
      name: '',
      description: '',
      authorized_grant_type: '',
      access_token_validity_seconds: 86_400,
      registered_redirect_uris: [],
      scopes: [],
      roles: [],
      state: 'active',
      unrecognised: { field: 'authorized_grant_type', value: '' },
    });
  });

  it('drops scopes and redirect URIs that are not strings', () => {
    const live = toLiveClient(
      anApiClient({ scope: ['b', null, 'a', 7] as unknown as string[], registeredRedirectUri: [null] as unknown as string[] }),
    );
    expect([live.scopes, live.registered_redirect_uris]).toEqual([['a', 'b'], []]);
  });

  it('refuses a client without an id', () => {
    expect(() => toLiveClient(anApiClient({ id: undefined }))).toThrow(/without an id/);
  });
});

describe('toRoleGrants', () => {
  it('falls back to the deprecated roleIds when roleDivisions is empty', () => {
    expect(toRoleGrants([], ['r-emp'], lookups)).toEqual([
      { role_id: 'r-emp', division_id: 'd-home', role_name: 'employee', division_name: 'Home' },
    ]);
  });

  it('skips a grant without a role, and one without a division when the home division is unknown', () => {
    expect(
      toRoleGrants(
        [{ roleId: '', divisionId: 'd-sales' }, { roleId: 'r-emp' } as ApiRoleDivision, { roleId: 'r-admin', divisionId: '*' }],
        undefined,
      ),
    ).toEqual([{ role_id: 'r-admin', division_id: '*', division_name: 'all divisions' }]);
  });
});

describe('toClientRequest', () => {
  const spec: ClientSpec = {
    name: 'svc',
    description: '',
    authorized_grant_type: 'SAML2-BEARER',
    access_token_validity_seconds: 600,
    registered_redirect_uris: [],
    scopes: [],
    roles: [{ role_id: 'r-admin' as RoleId, division_id: '*', role_name: 'admin', division_name: 'all divisions' } as RoleGrant],
    state: 'inactive',
  };

  it('sends every field, explicit empty lists included, and only role and division ids', () => {
    expect(toClientRequest(spec)).toEqual({
      name: 'svc',
      description: '',
      authorizedGrantType: 'SAML2-BEARER',
      accessTokenValiditySeconds: 600,
      registeredRedirectUri: [],
      scope: [],
      roleDivisions: [{ roleId: 'r-admin', divisionId: '*' }],
      state: 'inactive',
    });
  });

  it('never sends roleIds or dateToDelete', () => {
    const body = toClientRequest(spec) as unknown as Record<string, unknown>;
    expect(body).not.toHaveProperty('roleIds');
    expect(body).not.toHaveProperty('dateToDelete');
  });

  it('round-trips through toLiveClient without a change', () => {
    const request = toClientRequest({ ...spec, scopes: ['a', 'b'], registered_redirect_uris: ['https://x.example'] });
    const live = toLiveClient({ ...request, id: 'c-9' }, lookups);
    const { id: _id, ...rest } = live;
    expect(rest).toEqual({ ...spec, scopes: ['a', 'b'], registered_redirect_uris: ['https://x.example'] });
  });
});

describe('toSelfIdentity', () => {
  it('takes the own client and its named grants from tokens/me', () => {
    const self = toSelfIdentity(
      {
        organization: { id: 'org-1', name: 'Acme' },
        OAuthClient: {
          id: 'me',
          name: 'sync',
          authorizedGrantType: 'CLIENT-CREDENTIALS',
          roleDivisions: [{ roleId: 'r-admin', divisionId: '*' }],
        },
      },
      'fallback',
      lookups,
    );
    expect(self).toEqual({
      clientId: 'me',
      clientName: 'sync',
      grants: [{ role_id: 'r-admin', division_id: '*', role_name: 'admin', division_name: 'all divisions' }],
      organizationId: 'org-1',
      organizationName: 'Acme',
    });
  });

  it('falls back to the configured client id when tokens/me names no client', () => {
    expect(toSelfIdentity({}, 'configured-id')).toEqual({ clientId: 'configured-id', clientName: '', grants: [] });
  });
});

describe('listing predicates', () => {
  it('treats a listed client without a grant type as a legacy listing', () => {
    expect(isLegacyListing({ authorizedGrantType: undefined as unknown as string })).toBe(true);
    expect(isLegacyListing({ authorizedGrantType: '' })).toBe(true);
    expect(isLegacyListing({ authorizedGrantType: '  ' })).toBe(true);
    expect(isLegacyListing({ authorizedGrantType: 'CODE' })).toBe(false);
  });

  it('keeps a soft-deleted client, with its state and date of deletion, so the plan can list it apart', () => {
    const base: ApiOAuthClient = { id: 'x', name: 'x', authorizedGrantType: 'CODE' };
    expect(toLiveClient({ ...base, state: 'deleted' })).toMatchObject({ state: 'deleted' });
    expect(toLiveClient({ ...base, state: 'inactive', dateToDelete: '2026-12-01T00:00:00Z' })).toMatchObject({
      state: 'inactive',
      dateToDelete: '2026-12-01T00:00:00Z',
    });
    expect(toLiveClient({ ...base, state: 'inactive' }).dateToDelete).toBeUndefined();
  });

  it('marks a grant type or state it does not know, as the API spelled it, and never guesses', () => {
    const base: ApiOAuthClient = { id: 'x', name: 'x', authorizedGrantType: 'CODE' };
    expect(toLiveClient({ ...base, authorizedGrantType: 'PKCE' }).unrecognised).toEqual({ field: 'authorized_grant_type', value: 'PKCE' });
    expect(toLiveClient({ ...base, state: 'archived' })).toMatchObject({
      state: 'unknown',
      unrecognised: { field: 'state', value: 'archived' },
    });
    expect(toLiveClient({ ...base, authorizedGrantType: 'client_credentials', state: 'Disabled' })).toMatchObject({
      authorized_grant_type: 'CLIENT-CREDENTIALS',
      state: 'disabled',
    });
    expect(toLiveClient({ ...base, authorizedGrantType: 'SAML2BEARER' }).unrecognised).toBeUndefined();
  });
});

describe('grant types and grants share core/normalise with the plan', () => {
  it.each([
    ['SAML2BEARER', 'SAML2-BEARER'],
    ['saml2bearer', 'SAML2-BEARER'],
    ['CLIENT_CREDENTIALS', 'CLIENT-CREDENTIALS'],
    [' client-credentials ', 'CLIENT-CREDENTIALS'],
    ['CODE', 'CODE'],
  ])('reads the API spelling %s as %s, as normaliseGrantType does', (spelling, today) => {
    expect(toLiveClient(anApiClient({ authorizedGrantType: spelling })).authorized_grant_type).toBe(today);
    expect(normaliseGrantType(spelling)).toBe(today);
  });

  it('names, de-duplicates and sorts grants exactly as normaliseGrants does', () => {
    const live = toLiveClient(
      anApiClient({
        roleDivisions: [
          { roleId: 'r-emp', divisionId: 'd-sales' },
          { roleId: 'r-admin', divisionId: '*' },
          { roleId: 'r-emp', divisionId: 'd-sales' },
          { roleId: 'r-admin', divisionId: '' },
        ],
      }),
      lookups,
    );
    expect(live.roles).toEqual(normaliseGrants(live.roles, lookups));
    expect(live.roles).toEqual([
      { role_id: 'r-admin', role_name: 'admin', division_id: '*', division_name: 'all divisions' },
      { role_id: 'r-admin', role_name: 'admin', division_id: 'd-home', division_name: 'Home' },
      { role_id: 'r-emp', role_name: 'employee', division_id: 'd-sales', division_name: 'Sales' },
    ]);
  });
});
