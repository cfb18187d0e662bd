// The drift pull request's rewrite: the org's values for the drifted fields, everything else as the user wrote it.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { adoptOrgValues, type Adoption } from '../../src/definitions/adopt.js';
import { aSpec, divisionId, roleId } from '../helpers/builders.js';

const YAML = `# Clients of the web team.
clients:
  # The wallboard.
  - name: web-app
    description: 'Wallboard SPA' # kept short
    authorized_grant_type: CODE
    registered_redirect_uris: [https://web.example.com/cb]
    scopes:
      - users:readonly # read only
    access_token_validity_seconds: 3600
  - name: untouched
    description: "Left as it is"
    authorized_grant_type: CLIENT-CREDENTIALS
    roles:
      - role: employee
`;

const adoption = (overrides: Partial<Adoption> = {}): Adoption => ({
  name: 'web-app',
  homeDivisionId: 'div-home',
  changes: [
    { kind: 'scalar', field: 'description', old: 'Edited in the UI', new: 'Wallboard SPA' },
    { kind: 'set', field: 'scopes', added: ['users:readonly'], removed: ['presence'] },
    { kind: 'scalar', field: 'access_token_validity_seconds', old: 600, new: 3600 },
  ],
  org: aSpec({
    name: 'web-app',
    description: 'Edited in the UI',
    authorized_grant_type: 'CODE',
    scopes: ['presence', 'users:readonly'],
    access_token_validity_seconds: 600,
  }),
  ...overrides,
});

describe('adopting the org values into definition files', () => {
  it('changes only the drifted fields of YAML, keeping comments, key order, quoting and other clients', () => {
    const { files, skipped } = adoptOrgValues([{ file: 'defs/web.yaml', text: YAML }], [adoption()]);
    expect(skipped).toEqual([]);
    expect(files).toHaveLength(1);
    const text = files[0]!.text;
    expect(text).toContain('# Clients of the web team.');
    expect(text).toContain('# The wallboard.');
    expect(text).toContain("description: 'Edited in the UI' # kept short");
    expect(text).toContain('access_token_validity_seconds: 600');
    expect(text).toContain('registered_redirect_uris: [https://web.example.com/cb]');
    // The other client is byte for byte the same.
    expect(text.slice(text.indexOf('  - name: untouched'))).toBe(YAML.slice(YAML.indexOf('  - name: untouched')));
    const parsed = parse(text) as { clients: Record<string, unknown>[] };
    expect(Object.keys(parsed.clients[0]!)).toEqual(Object.keys((parse(YAML) as { clients: Record<string, unknown>[] }).clients[0]!));
    expect(parsed.clients[0]).toMatchObject({ description: 'Edited in the UI', scopes: ['presence', 'users:readonly'] });
  });

  it('keeps JSON indentation and writes roles in the style the file uses', () => {
    const json =
      '{\n    "name": "bot",\n    "authorized_grant_type": "CLIENT-CREDENTIALS",\n    "roles": [{ "role_id": "role-employee" }]\n}\n';
    const org = aSpec({
      name: 'bot',
      roles: [
        { role_id: roleId('role-employee'), division_id: divisionId('div-home'), role_name: 'employee' },
        { role_id: roleId('role-admin'), division_id: divisionId('div-sales'), role_name: 'admin', division_name: 'Sales' },
      ],
    });
    const { files } = adoptOrgValues(
      [{ file: 'defs/bot.json', text: json }],
      [{ name: 'bot', homeDivisionId: 'div-home', org, changes: [{ kind: 'roles', field: 'roles', added: [], removed: [] }] }],
    );
    expect(files[0]!.text).toBe(
      '{\n    "name": "bot",\n    "authorized_grant_type": "CLIENT-CREDENTIALS",\n' +
        '    "roles": [\n        {\n            "role_id": "role-employee"\n        },\n        {\n' +
        '            "role_id": "role-admin",\n            "division_id": "div-sales"\n        }\n    ]\n}\n',
    );
  });

  it('leaves a value written with a variable alone and says so; files without a drifted client are not returned', () => {
    const text = 'name: web-app\ndescription: "${DESC}"\nauthorized_grant_type: CODE\n';
    const result = adoptOrgValues(
      [
        { file: 'defs/a.yaml', text },
        { file: 'defs/b.yaml', text: 'name: other\nauthorized_grant_type: CODE\n' },
      ],
      [adoption({ changes: [adoption().changes[0]!] })],
    );
    expect(result.files).toEqual([]);
    expect(result.skipped).toEqual(['web-app: description (written with a variable)']);
  });
});
