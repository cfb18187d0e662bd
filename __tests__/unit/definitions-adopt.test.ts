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

describe('adopting the org values: role styles, missing fields and files that are left alone', () => {
  const org = aSpec({
    name: 'bot',
    description: 'From the org',
    scopes: ['a', 'b'],
    roles: [
      { role_id: roleId('role-employee'), division_id: divisionId('div-home'), role_name: 'employee' },
      { role_id: roleId('role-admin'), division_id: '*', role_name: 'admin' },
      { role_id: roleId('role-dev'), division_id: divisionId('div-sales'), role_name: 'Developer', division_name: 'Sales' },
      { role_id: roleId('role-unnamed'), division_id: divisionId('div-x') },
    ],
  });
  const drifted = (...fields: ('description' | 'scopes' | 'roles')[]): Adoption => ({
    name: 'bot',
    homeDivisionId: 'div-home',
    org,
    changes: fields.map((field) =>
      field === 'description'
        ? { kind: 'scalar' as const, field, old: 'x', new: 'y' }
        : field === 'scopes'
          ? { kind: 'set' as const, field, added: [], removed: [] }
          : { kind: 'roles' as const, field, added: [], removed: [] },
    ),
  });
  const adoptOne = (file: string, text: string, adoption: Adoption = drifted('roles')) => adoptOrgValues([{ file, text }], [adoption]);

  it('writes roles and divisions by name in a YAML file that names them, by id where no name is known', () => {
    const { files, skipped } = adoptOne('defs/bot.yaml', 'name: bot\nroles:\n  - role: employee\n');
    expect(skipped).toEqual([]);
    expect(files).toEqual([
      {
        file: 'defs/bot.yaml',
        text:
          'name: bot\nroles:\n  - role: employee\n  - role: admin\n    division: "*"\n' +
          '  - role: Developer\n    division: Sales\n  - role_id: role-unnamed\n    division_id: div-x\n',
      },
    ]);
  });

  it('writes roles and divisions by id in a YAML file that gives ids', () => {
    const { files } = adoptOne('defs/bot.yaml', 'name: bot\nroles:\n  - role_id: role-employee\n');
    expect(files[0]?.text).toBe(
      'name: bot\nroles:\n  - role_id: role-employee\n  - role_id: role-admin\n    division_id: "*"\n' +
        '  - role_id: role-dev\n    division_id: div-sales\n  - role_id: role-unnamed\n    division_id: div-x\n',
    );
  });

  it('writes roles by name in a JSON file that names them, and by name when the file has no roles yet', () => {
    const names = [{ role: 'employee' }, { role: 'admin', division: '*' }, { role: 'Developer', division: 'Sales' }];
    const expected = [...names, { role_id: 'role-unnamed', division_id: 'div-x' }];
    for (const roles of [[{ role: 'employee' }], undefined]) {
      const text = `${JSON.stringify({ name: 'bot', roles }, null, 2)}\n`;
      const { files } = adoptOne('defs/bot.json', text);
      expect(JSON.parse(files[0]!.text)).toEqual({ name: 'bot', roles: expected });
    }
  });

  it('adds a drifted field the YAML file leaves out, as a block or a scalar', () => {
    const { files, skipped } = adoptOne('defs/bot.yaml', 'name: bot\n', drifted('description', 'scopes'));
    expect(skipped).toEqual([]);
    expect(files[0]?.text).toBe('name: bot\ndescription: From the org\nscopes:\n  - a\n  - b\n');
  });

  it('keeps a flow sequence a flow sequence, and returns a file whose only drift is a sequence', () => {
    const { files } = adoptOne('defs/bot.yaml', 'name: bot\nscopes: [a]\n', drifted('scopes'));
    expect(files).toEqual([{ file: 'defs/bot.yaml', text: 'name: bot\nscopes: [a, b]\n' }]);
  });

  it.each([
    {
      case: 'not indented under their key',
      text: 'name: bot\nregistered_redirect_uris:\n- https://a.example.com/cb\n- https://b.example.com/cb\nscopes:\n- a\n',
      scopes: 'scopes:\n- a\n- b\n',
    },
    {
      case: 'indented under their key',
      text: 'name: bot\nregistered_redirect_uris:\n  - https://a.example.com/cb\n  - https://b.example.com/cb\nscopes:\n  - a\n',
      scopes: 'scopes:\n  - a\n  - b\n',
    },
  ])('writes sequences $case when the file has them so', ({ text, scopes }) => {
    const { files } = adoptOne('defs/bot.yaml', text, drifted('scopes'));
    expect(files[0]?.text).toBe(text.slice(0, text.indexOf('scopes:')) + scopes);
  });

  it('leaves a sequence written with a variable alone, in YAML and JSON', () => {
    const result = adoptOrgValues(
      [
        { file: 'defs/a.yaml', text: 'name:  bot\nscopes:\n  - ${SCOPE}\n' },
        { file: 'defs/b.json', text: '{"name": "json-bot", "scopes": ["${SCOPE}"], "description": "old"}' },
      ],
      [drifted('scopes'), { ...drifted('scopes', 'description'), name: 'json-bot' }],
    );
    expect(result.skipped).toEqual(['bot: scopes (written with a variable)', 'json-bot: scopes (written with a variable)']);
    expect(result.files).toEqual([
      { file: 'defs/b.json', text: '{\n  "name": "json-bot",\n  "scopes": [\n    "${SCOPE}"\n  ],\n  "description": "From the org"\n}' },
    ]);
  });

  it('says which drifted clients it could not find, and skips files it cannot parse', () => {
    const result = adoptOrgValues(
      [
        { file: 'defs/broken.yaml', text: 'name: bot\nscopes: [a\n' },
        { file: 'defs/broken.json', text: '{"name": "json-bot",' },
        { file: 'defs/null.json', text: 'null' },
        { file: 'defs/number.json', text: '42' },
      ],
      [drifted('scopes'), { ...drifted('scopes'), name: 'json-bot' }],
    );
    expect(result).toEqual({
      files: [],
      skipped: ['bot: its definition was not found', 'json-bot: its definition was not found'],
    });
  });

  it('returns no file when nothing drifted in it, even one it would format differently', () => {
    const result = adoptOrgValues(
      [
        { file: 'defs/other.yaml', text: 'name:   other\nscopes: [ a ]\n' },
        { file: 'defs/other.json', text: '{"name": "other"}' },
        { file: 'defs/same.yaml', text: 'name: bot\ndescription: From the org\n' },
        { file: 'defs/list.yaml', text: 'clients:\n  - just a string\n  -\n  - name: other\n' },
        { file: 'defs/list.json', text: '{"clients": [null, 42, {"name": "other"}]}' },
      ],
      [drifted('description')],
    );
    expect(result).toEqual({ files: [], skipped: [] });
  });

  it('rewrites the drifted client of a JSON list, skipping entries that are not clients', () => {
    const text = '{"clients": [null, 42, {"name": "other"}, {"name": "bot", "description": "old"}]}';
    const { files } = adoptOne('defs/list.json', text, drifted('description'));
    expect(files).toEqual([
      {
        file: 'defs/list.json',
        text:
          '{\n  "clients": [\n    null,\n    42,\n    {\n      "name": "other"\n    },\n' +
          '    {\n      "name": "bot",\n      "description": "From the org"\n    }\n  ]\n}',
      },
    ]);
  });

  it('keeps the indentation and the Windows line endings of a JSON file', () => {
    const { files } = adoptOne('defs/bot.json', '{\r\n    "name": "bot",\r\n    "description": "old"\r\n}\r\n', drifted('description'));
    expect(files[0]?.text).toBe('{\r\n    "name": "bot",\r\n    "description": "From the org"\r\n}\r\n');
  });

  it('keeps the Windows line endings of a YAML file, so the pull request changes only the drifted line', () => {
    const { files } = adoptOne('defs/bot.yaml', '# Bot.\r\nname: bot\r\ndescription: old\r\n', drifted('description'));
    expect(files[0]?.text).toBe('# Bot.\r\nname: bot\r\ndescription: From the org\r\n');
  });

  it('finds the indentation of a JSON file that starts with a blank line', () => {
    const { files } = adoptOne('defs/bot.json', '\n{\n    "name": "bot",\n    "description": "old"\n}\n', drifted('description'));
    expect(files[0]?.text).toBe('{\n    "name": "bot",\n    "description": "From the org"\n}\n');
  });
});
