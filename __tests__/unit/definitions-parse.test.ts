import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseDefinitions } from '../../src/definitions/parse.js';
import type { DefinitionSource } from '../../src/definitions/read-files.js';

type Fields = Record<string, unknown>;

/** A valid CODE client; `undefined` in `overrides` removes the key. */
function aClient(overrides: Fields = {}): Fields {
  const client: Fields = {
    name: 'web-app',
    authorized_grant_type: 'CODE',
    registered_redirect_uris: ['https://app.example.com/callback'],
    scopes: ['conversations'],
    ...overrides,
  };
  for (const [key, value] of Object.entries(client)) if (value === undefined) delete client[key];
  return client;
}

/** A valid CLIENT-CREDENTIALS client. */
function anIntegration(overrides: Fields = {}): Fields {
  return aClient({
    name: 'ci-deployer',
    authorized_grant_type: 'CLIENT-CREDENTIALS',
    registered_redirect_uris: undefined,
    scopes: undefined,
    roles: [{ role: 'Developer' }],
    ...overrides,
  });
}

function aFile(content: Fields | string, file = 'clients/web.yaml'): DefinitionSource {
  return { file, text: typeof content === 'string' ? content : stringify(content) };
}

function parse(sources: DefinitionSource[] | DefinitionSource, env: Record<string, string | undefined> = {}) {
  return parseDefinitions(Array.isArray(sources) ? sources : [sources], env);
}

/** 1-based line and column of the first match of `needle` (a string, or a pattern for ambiguous ones). */
function positionOf(text: string, needle: string | RegExp): { line: number; column: number } {
  const pattern = typeof needle === 'string' ? new RegExp(needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : needle;
  const lines = text.split('\n');
  const index = lines.findIndex((line) => pattern.test(line));
  if (index === -1) throw new Error(`${String(needle)} is not in the text`);
  return { line: index + 1, column: (lines[index]?.search(pattern) ?? 0) + 1 };
}

describe('parseDefinitions: one problem per broken rule, at the right place', () => {
  const cases: Array<{ rule: string; client: Fields; message: string; at: string | RegExp }> = [
    { rule: 'name is required', client: aClient({ name: undefined }), message: '`name` is required.', at: 'authorized_grant_type' },
    { rule: 'a blank name is refused', client: aClient({ name: '  ' }), message: '`name` must not be empty.', at: '"  "' },
    {
      rule: 'a numeric name is refused',
      client: aClient({ name: 42 }),
      message: '`name` must be text, not a number; put it in quotes.',
      at: '42',
    },
    {
      rule: 'the grant type is required',
      client: aClient({ authorized_grant_type: undefined }),
      message: '`authorized_grant_type` is required',
      at: 'name:',
    },
    {
      rule: 'the grant type is case-sensitive',
      client: aClient({ authorized_grant_type: 'code' }),
      message: 'did you mean `CODE`?',
      at: 'code',
    },
    {
      rule: 'a grant type named like an object property is still unknown',
      client: aClient({ authorized_grant_type: 'constructor' }),
      message: '`authorized_grant_type` must be one of',
      at: 'constructor',
    },
    {
      rule: 'CLIENT_CREDENTIALS suggests the dashed spelling',
      client: anIntegration({ authorized_grant_type: 'CLIENT_CREDENTIALS' }),
      message: 'did you mean `CLIENT-CREDENTIALS`?',
      at: 'CLIENT_CREDENTIALS',
    },
    {
      rule: 'validity must be an integer',
      client: aClient({ access_token_validity_seconds: '3600' }),
      message: '`access_token_validity_seconds` must be a whole number of seconds, not text.',
      at: '"3600"',
    },
    {
      rule: 'validity must not be a fraction',
      client: aClient({ access_token_validity_seconds: 3600.5 }),
      message: 'not a fraction',
      at: '3600.5',
    },
    {
      rule: 'validity has a floor of 300',
      client: aClient({ access_token_validity_seconds: 299 }),
      message: 'must be between 300 (5 minutes) and 38880000 (450 days).',
      at: '299',
    },
    {
      rule: 'validity has a ceiling of 38880000',
      client: aClient({ access_token_validity_seconds: 38_880_001 }),
      message: 'must be between 300',
      at: '38880001',
    },
    {
      rule: 'CODE needs redirect URIs',
      client: aClient({ registered_redirect_uris: undefined }),
      message: '`registered_redirect_uris` is required when `authorized_grant_type` is CODE.',
      at: 'name:',
    },
    {
      rule: 'TOKEN needs non-empty redirect URIs',
      client: aClient({ authorized_grant_type: 'TOKEN', registered_redirect_uris: [] }),
      message: '`registered_redirect_uris` must not be empty when `authorized_grant_type` is TOKEN.',
      at: 'registered_redirect_uris',
    },
    {
      rule: 'redirect URIs are absolute',
      client: aClient({ registered_redirect_uris: ['https://ok.example.com/', 'app.example.com/callback'] }),
      message: '`registered_redirect_uris[1]` must be an absolute URI with a scheme',
      at: 'app.example.com/callback',
    },
    {
      rule: 'redirect URIs are a list',
      client: aClient({ registered_redirect_uris: 'https://app.example.com/callback' }),
      message: '`registered_redirect_uris` must be a list, not text.',
      at: 'https://app',
    },
    {
      rule: 'scopes are required for CODE',
      client: aClient({ scopes: undefined }),
      message: '`scopes` is required when `authorized_grant_type` is CODE.',
      at: 'name:',
    },
    {
      rule: 'scopes must not be empty for PASSWORD',
      client: aClient({ authorized_grant_type: 'PASSWORD', scopes: [] }),
      message: '`scopes` must not be empty when `authorized_grant_type` is PASSWORD.',
      at: 'scopes:',
    },
    {
      rule: 'a scope is text',
      client: aClient({ scopes: ['conversations', 7] }),
      message: '`scopes[1]` must be text, not a number',
      at: '7',
    },
    {
      rule: 'a scope is not empty',
      client: aClient({ scopes: ['conversations', ' '] }),
      message: '`scopes[1]` must not be empty.',
      at: '" "',
    },
    {
      rule: 'roles are required for CLIENT-CREDENTIALS',
      client: anIntegration({ roles: undefined }),
      message: '`roles` is required when `authorized_grant_type` is CLIENT-CREDENTIALS.',
      at: 'name:',
    },
    {
      rule: 'roles must not be empty for CLIENT-CREDENTIALS',
      client: anIntegration({ roles: [] }),
      message: '`roles` must not be empty when',
      at: 'roles:',
    },
    {
      rule: 'scopes are an error on CLIENT-CREDENTIALS (Genesys applies them only to the other grants)',
      client: anIntegration({ scopes: ['conversations'] }),
      message: '`scopes` must not be set when `authorized_grant_type` is CLIENT-CREDENTIALS',
      at: 'scopes:',
    },
    {
      rule: 'roles are an error on CODE (Genesys applies them only to client credentials)',
      client: aClient({ roles: [{ role: 'Developer' }] }),
      message: '`roles` must not be set when `authorized_grant_type` is CODE',
      at: 'roles:',
    },
    {
      rule: 'a role needs a role',
      client: anIntegration({ roles: [{ division: 'Sales' }] }),
      message: '`roles[0]` needs `role` (a role name) or `role_id`.',
      at: 'division: Sales',
    },
    {
      rule: 'a role has one role reference',
      client: anIntegration({ roles: [{ role: 'admin', role_id: 'r-1' }] }),
      message: '`roles[0]` has both `role` and `role_id`; keep one.',
      at: 'role_id',
    },
    {
      rule: 'a role has at most one division reference',
      client: anIntegration({ roles: [{ role: 'admin', division: 'Sales', division_id: 'd-1' }] }),
      message: '`roles[0]` has both `division` and `division_id`; keep one.',
      at: 'division_id',
    },
    {
      rule: 'a role is a mapping',
      client: anIntegration({ roles: ['admin'] }),
      message: '`roles[0]` must be a mapping such as',
      at: 'admin',
    },
    {
      rule: 'a role name is not empty',
      client: anIntegration({ roles: [{ role: null }] }),
      message: '`roles[0].role` must not be empty.',
      at: 'null',
    },
    {
      rule: 'a list item is not empty',
      client: aClient({ scopes: ['conversations', null] }),
      message: '`scopes[1]` must not be empty.',
      at: 'null',
    },
    {
      rule: 'a role name is text',
      client: anIntegration({ roles: [{ role: 12 }] }),
      message: '`roles[0].role` must be text, not a number',
      at: '12',
    },
    {
      rule: 'state is active or inactive',
      client: aClient({ state: 'Active' }),
      message: '`state` must be `active` or `inactive`; did you mean `active`?',
      at: 'Active',
    },
    {
      rule: 'state cannot be disabled',
      client: aClient({ state: 'disabled' }),
      message: '`disabled` is set by Genesys support',
      at: 'disabled',
    },
    {
      rule: 'booleans are strict about quotes',
      client: aClient({ expose_client_secret: 'true' }),
      message: '`expose_client_secret` must be `true` or `false` (unquoted), not text.',
      at: '"true"',
    },
    { rule: 'a pinned id is text', client: aClient({ id: 12345 }), message: '`id` must be text, not a number', at: '12345' },
    {
      rule: 'a secret folder stays inside the repository',
      client: aClient({ directory_client_secret: '../outside' }),
      message: '`directory_client_secret` must be a folder inside the repository',
      at: '../outside',
    },
    {
      rule: 'a secret folder is relative to the repository root',
      client: aClient({ directory_client_secret: '/etc/secrets' }),
      message: 'relative to its root',
      at: '/etc/secrets',
    },
    {
      rule: 'a secret folder is not blank',
      client: aClient({ directory_client_secret: ' ' }),
      message: '`directory_client_secret` must not be empty.',
      at: '" "',
    },
    {
      rule: 'unknown keys suggest the closest known one',
      client: aClient({ scope: ['x'] }),
      message: 'Unknown key `scope`; did you mean `scopes`?',
      at: 'scope:',
    },
    {
      rule: 'camelCase API names suggest the Terraform name',
      client: aClient({ registeredRedirectUri: ['x'] }),
      message: 'did you mean `registered_redirect_uris`?',
      at: 'registeredRedirectUri',
    },
    {
      rule: 'a fragment of a known key suggests it',
      client: aClient({ grant_type: 'CODE' }),
      message: 'did you mean `authorized_grant_type`?',
      at: /^grant_type/,
    },
    {
      rule: 'unknown keys without a close match list the known ones',
      client: aClient({ colour: 'blue' }),
      message: 'A client has `name`, `description`',
      at: 'colour',
    },
    {
      rule: 'computed attributes cannot be declared',
      client: aClient({ client_secret: 'x' }),
      message: '`client_secret` is set by Genesys and cannot be declared; remove it.',
      at: 'client_secret',
    },
    {
      rule: 'unknown role keys suggest the closest',
      client: anIntegration({ roles: [{ role: 'admin', divison: 'Sales' }] }),
      message: 'Unknown key `divison` in `roles[0]`; did you mean `division`?',
      at: 'divison',
    },
  ];

  it.each(cases)('$rule', ({ client, message, at }) => {
    const file = aFile(client);
    const { problems, definitions } = parse(file);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toContain(message);
    expect(problems[0]).toMatchObject({ file: file.file, ...positionOf(file.text, at) });
    expect(definitions).toEqual([]);
  });

  it('warns at the grant type that TOKEN (implicit) is deprecated, and still accepts the client', () => {
    const file = aFile(aClient({ authorized_grant_type: 'TOKEN' }));
    const { problems, warnings, definitions } = parse(file);
    expect(problems).toEqual([]);
    expect(definitions).toHaveLength(1);
    expect(warnings).toEqual([
      expect.objectContaining({ client: 'web-app', ...positionOf(file.text, 'TOKEN'), message: expect.stringContaining('March 2027') }),
    ]);
  });

  it('reports every mistake of a client at once instead of stopping at the first', () => {
    const { problems } = parse(aFile(aClient({ state: 'on', scopes: 'all', access_token_validity_seconds: 5, colour: 'blue' })));
    expect(problems.map((problem) => problem.message)).toEqual([
      expect.stringContaining('`scopes` must be a list'),
      expect.stringContaining('`state` must be'),
      expect.stringContaining('`access_token_validity_seconds` must be between'),
      expect.stringContaining('Unknown key `colour`'),
    ]);
  });

  it("puts the client's name on each of its problems", () => {
    const { problems } = parse(aFile(aClient({ name: 'portal', state: 'on' })));
    expect(problems[0]?.client).toBe('portal');
  });

  it('points a missing key at the client mapping inside a clients list', () => {
    const text = 'clients:\n  - name: a\n    authorized_grant_type: PASSWORD\n';
    expect(parse(aFile(text)).problems).toEqual([
      {
        file: 'clients/web.yaml',
        line: 2,
        column: 5,
        client: 'a',
        message: '`scopes` is required when `authorized_grant_type` is PASSWORD.',
      },
    ]);
  });
});

describe('parseDefinitions: what a valid client becomes', () => {
  it('fills the defaults of every optional attribute', () => {
    const { definitions, problems, warnings } = parse(aFile(anIntegration()));
    expect(problems).toEqual([]);
    expect(warnings).toEqual([]);
    expect(definitions).toEqual([
      {
        name: 'ci-deployer',
        authorized_grant_type: 'CLIENT-CREDENTIALS',
        description: '',
        access_token_validity_seconds: 86_400,
        registered_redirect_uris: [],
        scopes: [],
        roles: [{ role: 'Developer', position: { file: 'clients/web.yaml', line: 4, column: 5 } }],
        state: 'active',
        expose_client_secret: false,
        source: { file: 'clients/web.yaml', line: 1, column: 1 },
        namePosition: { file: 'clients/web.yaml', line: 1, column: 7 },
      },
    ]);
  });

  it('treats an empty value as an unset attribute', () => {
    const { definitions } = parse(aFile('name: a\nauthorized_grant_type: SAML2-BEARER\nscopes: [x]\ndescription:\nstate:\n'));
    expect(definitions[0]).toMatchObject({ description: '', state: 'active' });
  });

  it('accepts SAML2BEARER as the legacy spelling of SAML2-BEARER', () => {
    const { definitions } = parse(aFile(aClient({ authorized_grant_type: 'SAML2BEARER', registered_redirect_uris: undefined })));
    expect(definitions[0]?.authorized_grant_type).toBe('SAML2-BEARER');
  });

  it('trims names and keeps repeated set members for the normaliser to collapse', () => {
    const { definitions, problems } = parse(aFile(aClient({ name: '  web-app ', scopes: ['a', 'a'] })));
    expect(problems).toEqual([]);
    expect(definitions[0]).toMatchObject({ name: 'web-app', scopes: ['a', 'a'] });
  });

  it('keeps every secret-delivery attribute', () => {
    const client = anIntegration({
      expose_client_secret: true,
      directory_client_secret: '.secrets',
      integration_credential_name: 'ci cred',
      id: 'abc',
    });
    expect(parse(aFile(client)).definitions[0]).toMatchObject({
      expose_client_secret: true,
      directory_client_secret: '.secrets',
      integration_credential_name: 'ci cred',
      id: 'abc',
    });
  });

  it('warns, without failing, about a token lifetime only SCIM clients may have', () => {
    const file = aFile(anIntegration({ access_token_validity_seconds: 172_801 }));
    const { problems, warnings, definitions } = parse(file);
    expect(problems).toEqual([]);
    expect(definitions).toHaveLength(1);
    expect(warnings).toEqual([
      expect.objectContaining({ ...positionOf(file.text, '172801'), client: 'ci-deployer', message: expect.stringContaining('SCIM') }),
    ]);
  });

  it('does not warn at exactly 48 hours', () => {
    expect(parse(aFile(anIntegration({ access_token_validity_seconds: 172_800 }))).warnings).toEqual([]);
  });

  it('reads a JSON file with the same positions as YAML', () => {
    const text = '{\n  "name": "j",\n  "authorized_grant_type": "CODE",\n  "scopes": ["x"]\n}\n';
    const { problems } = parse(aFile(text, 'clients/j.json'));
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'clients/j.json',
        line: 1,
        column: 1,
        message: expect.stringContaining('`registered_redirect_uris` is required'),
      }),
    ]);
  });

  it('allows `$schema` at the top of either shape of file', () => {
    const single = aFile({ $schema: 'x.json', ...aClient() });
    const list = aFile({ $schema: 'x.json', clients: [aClient({ name: 'other' })] }, 'b.yaml');
    expect(parse([single, list]).problems).toEqual([]);
  });

  it('refuses a `$schema` that is not text', () => {
    const { problems } = parse([
      aFile({ $schema: 1, ...aClient() }, 'a.yaml'),
      aFile({ $schema: [], clients: [aClient({ name: 'b' })] }, 'b.yaml'),
    ]);
    expect(problems.map((problem) => `${problem.file}:${problem.line}:${problem.column}`)).toEqual(['a.yaml:1:10', 'b.yaml:1:10']);
  });

  it('suggests `clients` for a misspelt list key', () => {
    const { problems } = parse(aFile({ clients: [aClient()], client: [] }));
    expect(problems).toEqual([expect.objectContaining({ message: 'Unknown key `client` beside `clients:`; did you mean `clients`?' })]);
  });

  it('refuses `$schema` inside a client of a list', () => {
    const { problems } = parse(aFile({ clients: [{ $schema: 'x.json', ...aClient() }] }));
    expect(problems).toEqual([expect.objectContaining({ message: expect.stringContaining('`$schema` belongs at the top of the file') })]);
  });

  it('refuses client attributes beside `clients:`', () => {
    const { problems } = parse(aFile({ name: 'x', clients: [aClient()] }));
    expect(problems).toEqual([
      expect.objectContaining({ line: 1, column: 1, message: expect.stringContaining('Unknown key `name` beside `clients:`') }),
    ]);
  });
});

describe('parseDefinitions: across files', () => {
  it('reports a duplicate name at both places, after trimming', () => {
    const first = aFile(aClient({ name: 'portal' }), 'a.yaml');
    const second = aFile(aClient({ name: ' portal ' }), 'b/c.yaml');
    const { problems, definitions } = parse([first, second]);
    expect(problems).toEqual([
      {
        file: 'a.yaml',
        line: 1,
        column: 7,
        client: 'portal',
        message: 'The name `portal` is also used at `b/c.yaml:1:7`; client names must be unique.',
      },
      {
        file: 'b/c.yaml',
        line: 1,
        column: 7,
        client: 'portal',
        message: 'The name `portal` is also used at `a.yaml:1:7`; client names must be unique.',
      },
    ]);
    expect(definitions).toEqual([]);
  });

  it('treats names as case-sensitive', () => {
    expect(parse([aFile(aClient({ name: 'Portal' }), 'a.yaml'), aFile(aClient({ name: 'portal' }), 'b.yaml')]).problems).toEqual([]);
  });

  it('reports the same pinned id on two clients at both places', () => {
    const { problems } = parse(aFile({ clients: [aClient({ name: 'a', id: 'x-1' }), aClient({ name: 'b', id: 'x-1' })] }));
    expect(problems.map((problem) => [problem.client, problem.message])).toEqual([
      ['a', expect.stringMatching(/^This `id` is also pinned at `clients\/web\.yaml:\d+:\d+`/)],
      ['b', expect.stringMatching(/^This `id` is also pinned at/)],
    ]);
  });

  it('collects problems from every file, ordered by file then position', () => {
    const { problems } = parse([aFile(aClient({ state: 'x', scopes: 1 }), 'a.yaml'), aFile('name: [', 'b.yaml')]);
    expect(problems.map((problem) => `${problem.file}:${problem.line}`)).toEqual(['a.yaml:5', 'a.yaml:6', 'b.yaml:1']);
  });
});

describe('parseDefinitions: files that are not clients', () => {
  it('warns about an empty file, or one with only comments, without failing', () => {
    const { problems, warnings } = parse([aFile('', 'a.yaml'), aFile('# nothing yet\n', 'b.yaml')]);
    expect(problems).toEqual([]);
    expect(warnings.map((warning) => `${warning.file}:${warning.line}:${warning.column}`)).toEqual(['a.yaml:1:1', 'b.yaml:1:1']);
  });

  it('warns about an empty clients list', () => {
    expect(parse(aFile('clients: []\n')).warnings).toEqual([
      expect.objectContaining({ message: expect.stringContaining('`clients:` list is empty') }),
    ]);
  });

  it.each([
    ['a list', '- name: x\n', 'not a list.'],
    ['a scalar', 'just text\n', 'not text.'],
    ['clients as a mapping', 'clients: { name: x }\n', '`clients` must be a list of client mappings, not a mapping.'],
  ])('refuses a file holding %s', (_shape, text, message) => {
    const { problems } = parse(aFile(text));
    expect(problems).toEqual([expect.objectContaining({ message: expect.stringContaining(message) })]);
  });

  it('reports one problem per line of YAML syntax errors, with its position', () => {
    const { problems } = parse(aFile('name: x\nscopes:\n  - a\n - b\n'));
    expect(problems).toEqual([
      expect.objectContaining({ line: 4, column: 1, message: expect.stringMatching(/^YAML syntax error: .+\.$/) }),
    ]);
  });

  it('summarises a flood of syntax errors instead of listing each', () => {
    const text = Array.from({ length: 30 }, (_, index) => `k${index}: "unclosed\n  - x: [`).join('\n');
    const { problems } = parse(aFile(text));
    expect(problems.length).toBeLessThanOrEqual(11);
    expect(problems.at(-1)?.message).toMatch(/more YAML syntax errors follow/);
  });

  it('reports a repeated key once, without judging its second value, and keeps the client out of the definitions', () => {
    const { problems, definitions } = parse(aFile('name: a\nauthorized_grant_type: SAML2-BEARER\nscopes: [x]\nscopes: 5\n'));
    expect(problems).toEqual([
      expect.objectContaining({ line: 4, column: 1, message: 'The key `scopes` appears more than once in this mapping; keep one.' }),
    ]);
    expect(definitions).toEqual([]);
  });

  it('refuses several YAML documents in one file', () => {
    const { problems } = parse(aFile('name: a\n---\nname: b\n'));
    expect(problems).toEqual([expect.objectContaining({ line: 2, message: expect.stringContaining('several YAML documents') })]);
  });

  it('reports nesting too deep to read as one problem, without throwing', () => {
    const { problems } = parse(aFile(`name: x\nscopes: ${'['.repeat(100_000)}`));
    expect(problems).toEqual([expect.objectContaining({ message: expect.stringContaining('nests too deeply') })]);
  });

  it('stops resolving aliases past the budget, so an alias bomb is one problem', () => {
    const roles = Array.from({ length: 300 }, () => '*r').join(', ');
    const text = `name: x\nauthorized_grant_type: CLIENT-CREDENTIALS\nroles: [&r { role: admin }, ${roles}]\n`;
    const { problems } = parse(aFile(text));
    expect(problems).toEqual([expect.objectContaining({ message: expect.stringContaining('more than 200 YAML aliases') })]);
  });

  it('refuses keys that are not names', () => {
    const { problems } = parse(aFile('? [a, b]\n: 1\nname: x\nauthorized_grant_type: SAML2-BEARER\nscopes: [y]\n'));
    expect(problems).toEqual([
      expect.objectContaining({ line: 1, column: 3, message: expect.stringContaining('Keys must be plain names') }),
    ]);
  });

  it('strips a byte order mark left in the text', () => {
    expect(parse(aFile(`\uFEFF${stringify(aClient())}`)).problems).toEqual([]);
  });
});

describe('parseDefinitions: environment variables', () => {
  it('substitutes `${VAR}` in any text value, names included', () => {
    const client = aClient({ name: '${ORG}-portal', registered_redirect_uris: ['${BASE}/cb'] });
    const { definitions } = parse(aFile(client), { ORG: 'emea', BASE: 'https://emea.example.com' });
    expect(definitions[0]).toMatchObject({ name: 'emea-portal', registered_redirect_uris: ['https://emea.example.com/cb'] });
  });

  it('reports a missing variable at the value, naming the variable', () => {
    const file = aFile(aClient({ description: 'For ${ORG_NAME}' }));
    expect(parse(file).problems).toEqual([
      expect.objectContaining({ ...positionOf(file.text, 'For'), message: expect.stringContaining('`ORG_NAME` is not set') }),
    ]);
  });

  it('never echoes a substituted value, even in a message about it', () => {
    const secret = 'sentinel-S3CRET-value';
    const client = aClient({ registered_redirect_uris: ['${APP_TOKEN}'], state: '${APP_TOKEN}', authorized_grant_type: '${APP_TOKEN}' });
    const result = parse(aFile(client), { APP_TOKEN: secret });
    expect(result.problems.length).toBeGreaterThan(0);
    expect(JSON.stringify(result)).not.toContain(secret);
  });
});
