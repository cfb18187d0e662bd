import { hasControls } from '../../src/core/escape.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClientId, DivisionId, GrantType, LiveClient, RoleGrant, RoleId } from '../../src/core/types.js';
import { GRANT_TYPES } from '../../src/core/types.js';
import { parseDefinitions } from '../../src/definitions/parse.js';
import { fileNameForClient, renderDefinitionFile } from '../../src/definitions/write.js';

const HOME = 'home-division-id';
const SCHEMA = '../../schema/oauth-clients.schema.json';

function aLiveClient(overrides: Partial<LiveClient> = {}): LiveClient {
  return {
    id: 'c0ffee00-0000-4000-8000-000000000001' as ClientId,
    name: 'ci-deployer',
    description: '',
    authorized_grant_type: 'CLIENT-CREDENTIALS',
    access_token_validity_seconds: 86_400,
    registered_redirect_uris: [],
    scopes: [],
    roles: [aGrant('admin', HOME)],
    state: 'active',
    ...overrides,
  };
}

function aGrant(roleName: string | undefined, divisionId: string, divisionName?: string): RoleGrant {
  const grant: RoleGrant = { role_id: `id-of-${roleName ?? 'unnamed'}` as RoleId, division_id: divisionId as DivisionId };
  if (roleName !== undefined) grant.role_name = roleName;
  if (divisionName !== undefined) grant.division_name = divisionName;
  return grant;
}

describe('renderDefinitionFile', () => {
  it('writes the schema comment first, then the attributes in a fixed order, leaving defaults out', () => {
    const text = renderDefinitionFile(aLiveClient(), HOME, SCHEMA);
    expect(text).toBe(
      [
        `# yaml-language-server: $schema=${SCHEMA}`,
        'name: ci-deployer',
        'authorized_grant_type: CLIENT-CREDENTIALS',
        'roles:',
        '  - role: admin',
        'id: c0ffee00-0000-4000-8000-000000000001',
        '',
      ].join('\n'),
    );
  });

  it('writes every attribute that differs from its default, in Terraform order', () => {
    const client = aLiveClient({
      name: 'portal',
      description: 'Customer portal',
      authorized_grant_type: 'CODE',
      access_token_validity_seconds: 3600,
      registered_redirect_uris: ['https://b.example.com/cb', 'https://a.example.com/cb'],
      scopes: ['users:readonly', 'conversations'],
      roles: [],
      state: 'inactive',
    });
    const keys = renderDefinitionFile(client, HOME, SCHEMA)
      .split('\n')
      .filter((line) => /^[a-z_]+:/.test(line))
      .map((line) => line.split(':')[0]);
    expect(keys).toEqual([
      'name',
      'description',
      'authorized_grant_type',
      'access_token_validity_seconds',
      'registered_redirect_uris',
      'scopes',
      'state',
      'id',
    ]);
  });

  it('names roles and divisions, leaves out the home division and quotes "*"', () => {
    // Given in reverse: the file lists them in one order whatever order the org returns.
    const roles = [aGrant('admin', HOME), aGrant('Reporting Viewer', '*'), aGrant('Developer', 'sales-id', 'Sales')];
    const text = renderDefinitionFile(aLiveClient({ roles }), HOME, SCHEMA);
    expect(text).toContain(
      [
        'roles:',
        '  - role: Developer',
        '    division: Sales',
        '  - role: Reporting Viewer',
        '    division: "*"',
        '  - role: admin',
        '',
      ].join('\n'),
    );
  });

  it('writes a long description on one line, as a person would', () => {
    const description = `${'A wallboard for the support floor, '.repeat(4)}end`;
    const text = renderDefinitionFile(aLiveClient({ description }), HOME, SCHEMA);
    expect(text.split('\n')[2]).toBe(`description: ${description}`);
  });

  it('falls back to ids when a role or division has no known name', () => {
    const text = renderDefinitionFile(aLiveClient({ roles: [aGrant(undefined, 'div-42')] }), HOME, SCHEMA);
    expect(text).toContain('  - role_id: id-of-unnamed\n    division_id: div-42\n');
  });

  it('escapes `${` so text that looks like a variable comes back verbatim', () => {
    const text = renderDefinitionFile(aLiveClient({ description: 'uses ${HOME} literally' }), HOME, SCHEMA);
    expect(text).toContain('description: uses $${HOME} literally');
  });

  it.each([' \n', 'two\n  indented lines', '\n\n', 'ends with a newline\n'])('gives multi-line text %j back exactly', (description) => {
    const text = renderDefinitionFile(aLiveClient({ description }), HOME, SCHEMA);
    const { definitions } = parseDefinitions([{ file: 'x.yaml', text }], {});
    expect(definitions[0]?.description).toBe(description);
  });

  it('marks a client disabled by Genesys support instead of declaring its state', () => {
    const text = renderDefinitionFile(aLiveClient({ state: 'disabled' }), HOME, SCHEMA);
    expect(text).toMatch(/^# yaml-language-server.*\n# Disabled by Genesys support/);
    expect(text).not.toContain('state:');
  });

  it('gives back the same client when the file is parsed again', () => {
    fc.assert(
      fc.property(aLiveClientArbitrary(), (client) => {
        const text = renderDefinitionFile(client, HOME, SCHEMA);
        const { definitions, problems, warnings } = parseDefinitions([{ file: 'x.yaml', text }], { HOME: 'must-not-leak-in' });
        expect(problems).toEqual([]);
        // Only the implicit grant's deprecation: a live value of a field that does not apply is never written.
        expect(warnings.map((w) => w.message.slice(0, 40))).toEqual(
          client.authorized_grant_type === 'TOKEN' ? ['`authorized_grant_type` TOKEN (implicit)'] : [],
        );
        expect(definitions).toHaveLength(1);
        const clientCredentials = client.authorized_grant_type === 'CLIENT-CREDENTIALS';
        const { source: _source, namePosition: _name, idPosition: _id, roles, ...parsed } = definitions[0]!;
        expect(parsed).toEqual({
          name: client.name,
          description: client.description,
          authorized_grant_type: client.authorized_grant_type,
          access_token_validity_seconds: client.access_token_validity_seconds,
          registered_redirect_uris: [...new Set(client.registered_redirect_uris)].sort(),
          scopes: clientCredentials ? [] : [...new Set(client.scopes)].sort(),
          state: client.state,
          id: client.id,
          expose_client_secret: false,
        });
        const expectedRoles = (clientCredentials ? client.roles : []).map((grant) => ({
          role: grant.role_name,
          ...(grant.division_id === HOME ? {} : { division: grant.division_id === '*' ? '*' : grant.division_name }),
        }));
        expect(new Set(roles.map(({ position: _position, ...role }) => JSON.stringify(role)))).toEqual(
          new Set(expectedRoles.map((role) => JSON.stringify(role))),
        );
      }),
      { numRuns: 200 },
    );
  });
});

/** Live clients that are valid definitions: trimmed names, a legal lifetime, what each grant type requires. */
function aLiveClientArbitrary(): fc.Arbitrary<LiveClient> {
  const text = fc.string({
    minLength: 1,
    unit: fc.oneof(
      fc.constantFrom('$', '{', '}', '#', ':', '"', "'", '-', ' ', '\n', '*', '&'),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
    ),
  });
  const trimmed = text.filter((value) => value.trim() === value && value !== '');
  const uri = fc.webUrl();
  const division = fc.oneof(
    fc.constant({ division_id: HOME }),
    fc.constant({ division_id: '*' }),
    fc.record({ division_id: fc.uuid(), division_name: trimmed }),
  );
  const grant = fc
    .record({ role_id: fc.uuid(), role_name: trimmed, division })
    .map(({ role_id, role_name, division: where }) => ({ role_id, role_name, ...where }) as RoleGrant);
  return fc
    .record({
      id: fc.uuid(),
      // A name with a control character cannot be declared; export skips such clients.
      name: trimmed.filter((value) => !hasControls(value)),
      description: fc.oneof(fc.constant(''), text),
      authorized_grant_type: fc.constantFrom<GrantType>(...GRANT_TYPES),
      access_token_validity_seconds: fc.integer({ min: 300, max: 172_800 }),
      registered_redirect_uris: fc.array(uri, { minLength: 1, maxLength: 3 }),
      scopes: fc.array(trimmed, { minLength: 1, maxLength: 3 }),
      roles: fc.uniqueArray(grant, {
        minLength: 1,
        maxLength: 3,
        selector: (g) => `${g.role_name}\u0000${g.division_id === HOME ? '' : g.division_id === '*' ? '*' : g.division_name}`,
      }),
      state: fc.constantFrom('active' as const, 'inactive' as const),
    })
    .map((client) => ({ ...client, id: client.id as ClientId }));
}

describe('fileNameForClient', () => {
  it.each([
    ['ci-deployer', 'ci-deployer.yaml'],
    ['Customer Portal (EMEA)', 'customer-portal-emea.yaml'],
    ['Café Münster', 'cafe-munster.yaml'],
    ['../../etc/passwd', 'etc-passwd.yaml'],
    ['   ', 'client.yaml'],
    ['日本語', 'client.yaml'],
    ['CON', 'con-client.yaml'],
    ['a'.repeat(100), `${'a'.repeat(60)}.yaml`],
    [`${'a'.repeat(59)} bcd`, `${'a'.repeat(59)}.yaml`],
  ])('names %j as %s', (name, expected) => {
    expect(fileNameForClient(name, new Set())).toBe(expected);
  });

  it('keeps names unique, case-insensitively, and remembers each one it hands out', () => {
    const taken = new Set(['Portal.yaml']);
    expect(fileNameForClient('portal', taken)).toBe('portal-2.yaml');
    expect(fileNameForClient('PORTAL', taken)).toBe('portal-3.yaml');
    expect(taken).toEqual(new Set(['Portal.yaml', 'portal-2.yaml', 'portal-3.yaml']));
  });

  it('gives every client of an org its own safe file name', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 20 }), (names) => {
        const taken = new Set<string>();
        const files = names.map((name) => fileNameForClient(name, taken));
        expect(new Set(files.map((file) => file.toLowerCase())).size).toBe(names.length);
        for (const file of files) expect(file).toMatch(/^[a-z0-9][a-z0-9-]*\.yaml$/);
      }),
    );
  });
});
