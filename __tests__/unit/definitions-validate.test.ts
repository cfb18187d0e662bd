// One client's rules (validate.ts, attribute-rules.ts, validate-roles.ts), pinned word for word and place for place:
// each case was written against a mutant that survived the rest of the suite.
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/core/types.js';
import { parseDefinitions } from '../../src/definitions/parse.js';

const FILE = 'clients/app.yaml';

/** A valid CODE client, four lines long: an extra line added below it is line 5. */
const WEB = 'name: web\nauthorized_grant_type: CODE\nregistered_redirect_uris: [https://app.example.com/cb]\nscopes: [users]\n';
/** A valid CLIENT-CREDENTIALS client, three lines long: an extra line added below it is line 4. */
const CI = 'name: ci\nauthorized_grant_type: CLIENT-CREDENTIALS\nroles: [{ role: Developer }]\n';

const KNOWN_KEYS =
  '`name`, `description`, `authorized_grant_type`, `access_token_validity_seconds`, `registered_redirect_uris`, `scopes`, ' +
  '`roles`, `state`, `id`, `expose_client_secret`, `directory_client_secret`, `integration_credential_name`, ' +
  '`github_secret`, `secret_rotation_days`';
const GRANTS = '`CODE`, `TOKEN`, `SAML2-BEARER`, `PASSWORD`, `CLIENT-CREDENTIALS`';

function parse(text: string, env: Record<string, string> = {}) {
  return parseDefinitions([{ file: FILE, text }], env);
}

/** Each problem as `line:column message`: a test pins the place and every word. */
function placed(problems: Problem[]): string[] {
  return problems.map((problem) => `${problem.line}:${problem.column} ${problem.message}`);
}

describe('validateClient: the exact problem for each refused value', () => {
  it.each([
    {
      rule: 'a description is text',
      text: `${CI}description: 5\n`,
      problems: ['4:14 `description` must be text, not a number; put it in quotes.'],
    },
    {
      rule: 'an integration credential name is text',
      text: `${CI}integration_credential_name: 5\n`,
      problems: ['4:30 `integration_credential_name` must be text, not a number; put it in quotes.'],
    },
    {
      rule: 'a grant type is text',
      text: 'name: ci\nauthorized_grant_type: 5\n',
      problems: ['2:24 `authorized_grant_type` must be text, not a number; put it in quotes.'],
    },
    {
      rule: 'a grant type far from every known one lists them all, without a guess',
      text: 'name: ci\nauthorized_grant_type: constructor\n',
      problems: [`2:24 \`authorized_grant_type\` must be one of ${GRANTS}.`],
    },
    {
      rule: 'a list is not a name, and quoting would not help',
      text: 'name: [web]\nauthorized_grant_type: SAML2-BEARER\nscopes: [users]\n',
      problems: ['1:7 `name` must be text, not a list.'],
    },
    {
      rule: 'a boolean is not a name',
      text: 'name: true\nauthorized_grant_type: SAML2-BEARER\nscopes: [users]\n',
      problems: ['1:7 `name` must be text, not `true`; put it in quotes.'],
    },
    {
      rule: 'a state is text',
      text: `${WEB}state: 5\n`,
      problems: ['5:8 `state` must be text, not a number; put it in quotes.'],
    },
    {
      rule: 'a state far from active and inactive gets no guess',
      text: `${WEB}state: xyzzy\n`,
      problems: ['5:8 `state` must be `active` or `inactive`.'],
    },
    {
      rule: 'a list is not a boolean',
      text: `${WEB}expose_client_secret: [true]\n`,
      problems: ['5:23 `expose_client_secret` must be `true` or `false` (unquoted), not a list.'],
    },
    {
      rule: 'a number is not a boolean',
      text: `${WEB}expose_client_secret: 1\n`,
      problems: ['5:23 `expose_client_secret` must be `true` or `false` (unquoted), not a number.'],
    },
    {
      rule: 'a mapping is not a token lifetime',
      text: `${WEB}access_token_validity_seconds: { hours: 1 }\n`,
      problems: ['5:32 `access_token_validity_seconds` must be a whole number of seconds, not a mapping.'],
    },
    {
      rule: 'scopes on a client-credentials client, with the reason',
      text: `${CI}scopes: [users]\n`,
      problems: [
        '4:1 `scopes` must not be set when `authorized_grant_type` is CLIENT-CREDENTIALS: Genesys applies scopes only to ' +
          'the other grant types, and a client-credentials client gets its permissions from `roles`. Remove `scopes`.',
      ],
    },
    {
      rule: 'roles on a CODE client, with the reason',
      text: `${WEB}roles: [{ role: Developer }]\n`,
      problems: [
        '5:1 `roles` must not be set when `authorized_grant_type` is CODE: Genesys applies roles only to ' +
          'client-credentials clients; this one acts for a signed-in user, with `scopes`. Remove `roles`.',
      ],
    },
    {
      rule: 'a control character first in a name, by its code point',
      text: 'name: "\\u001bweb"\nauthorized_grant_type: SAML2-BEARER\nscopes: [users]\n',
      problems: ['1:7 `name` must not contain control characters (newline, tab, ESC …); character 1 is U+001B. Remove it.'],
    },
    {
      rule: 'a control character inside a name, by its place',
      text: 'name: "we\\u0007b"\nauthorized_grant_type: SAML2-BEARER\nscopes: [users]\n',
      problems: ['1:7 `name` must not contain control characters (newline, tab, ESC …); character 3 is U+0007. Remove it.'],
    },
    {
      rule: 'a YAML merge key',
      text: `${WEB}<<: { description: shared }\n`,
      problems: ['5:1 YAML merge keys (`<<`) are not supported; write the keys out.'],
    },
    {
      rule: 'a null key is an unknown key named `null`, not a malformed one',
      text: `${WEB}~: 1\n`,
      problems: [`5:1 Unknown key \`null\`. A client has ${KNOWN_KEYS}.`],
    },
    {
      rule: 'an unknown key of 40 characters is echoed whole',
      text: `${WEB}${'x'.repeat(40)}: 1\n`,
      problems: [`5:1 Unknown key \`${'x'.repeat(40)}\`. A client has ${KNOWN_KEYS}.`],
    },
    {
      rule: 'an unknown key of 41 characters is cut short',
      text: `${WEB}${'x'.repeat(41)}: 1\n`,
      problems: [`5:1 Unknown key \`${'x'.repeat(37)}...\`. A client has ${KNOWN_KEYS}.`],
    },
    {
      rule: 'a date (YAML 1.1) as a key',
      text: `%YAML 1.1\n---\n${WEB}? !!timestamp 2001-01-01\n: 1\n`,
      problems: ['7:15 Keys must be plain names such as `scopes`, not lists or mappings.'],
    },
  ])('$rule', ({ text, problems }) => {
    const parsed = parse(text);
    expect(placed(parsed.problems)).toEqual(problems);
    expect(parsed.definitions).toEqual([]);
  });
});

describe('attribute rules: the exact problem for each refused value', () => {
  const NOT_ABSOLUTE = '`registered_redirect_uris[0]` must be an absolute URI with a scheme, such as `https://app.example.com/callback`.';
  it.each([
    {
      rule: 'with a space in it',
      uri: 'https://app.example.com/my app',
      message: '`registered_redirect_uris[0]` contains whitespace; a URI cannot. Remove it, or write a space in a path as `%20`.',
    },
    { rule: 'without a scheme', uri: 'app.example.com/cb', message: NOT_ABSOLUTE },
    { rule: 'that is a bare scheme', uri: '"foo:"', message: NOT_ABSOLUTE },
    { rule: 'that does not start with its scheme', uri: '"\\u0001https://app.example.com/cb"', message: NOT_ABSOLUTE },
    { rule: 'with a scheme that is still not a URL', uri: '"https://[::1/cb"', message: NOT_ABSOLUTE },
  ])('refuses a redirect URI $rule', ({ uri, message }) => {
    const parsed = parse(`name: web\nauthorized_grant_type: CODE\nregistered_redirect_uris: [${uri}]\nscopes: [users]\n`);
    expect(placed(parsed.problems)).toEqual([`3:28 ${message}`]);
    expect(parsed.definitions).toEqual([]);
  });

  it('refuses a secret folder written with backslashes that climbs out of the repository', () => {
    expect(placed(parse(`${WEB}directory_client_secret: "..\\\\secrets"\n`).problems)).toEqual([
      '5:26 `directory_client_secret` must be a folder inside the repository, relative to its root (such as `secrets/`).',
    ]);
  });

  it('says when a redirect URI is wrong only after `${…}` substitution, without echoing the value', () => {
    const text = 'name: web\nauthorized_grant_type: CODE\nregistered_redirect_uris: ["${BASE}/cb"]\nscopes: [users]\n';
    expect(placed(parse(text, { BASE: 'app.example.com' }).problems)).toEqual([
      '3:28 `registered_redirect_uris[0]` must be an absolute URI with a scheme (after `${…}` substitution), ' +
        'such as `https://app.example.com/callback`.',
    ]);
  });

  it('warns, with the whole sentence, about a token lifetime above 48 hours', () => {
    const parsed = parse(`${CI}access_token_validity_seconds: 172801\n`);
    expect(parsed.problems).toEqual([]);
    expect(placed(parsed.warnings)).toEqual([
      '4:32 `access_token_validity_seconds` is above 172800 (48 hours): Genesys accepts that only for SCIM (Identity Management) clients.',
    ]);
  });

  it('reports a blank scope of a client-credentials client once, not also as scopes it must not have', () => {
    expect(placed(parse(`${CI}scopes: [" "]\n`).problems)).toEqual(['4:10 `scopes[0]` must not be empty.']);
  });

  it('accepts a secret folder whose name has a colon past its start', () => {
    const parsed = parse(`${WEB}directory_client_secret: "secrets/run:2"\n`);
    expect(parsed.problems).toEqual([]);
    expect(parsed.definitions[0]?.directory_client_secret).toBe('secrets/run:2');
  });
});

describe('roles: the exact problem for each refused grant', () => {
  it('refuses a blank role name at the value', () => {
    expect(placed(parse('name: ci\nauthorized_grant_type: CLIENT-CREDENTIALS\nroles: [{ role: " " }]\n').problems)).toEqual([
      '3:17 `roles[0].role` must not be empty.',
    ]);
  });

  it('lists the keys of a role grant when an unknown key is close to none of them', () => {
    expect(placed(parse('name: ci\nauthorized_grant_type: CLIENT-CREDENTIALS\nroles: [{ role: a, colour: blue }]\n').problems)).toEqual([
      '3:20 Unknown key `colour` in `roles[0]`. A role grant has `role` or `role_id`, and optionally `division` or `division_id`.',
    ]);
  });

  it('reports a malformed role of a CODE client once, not also as roles it must not have', () => {
    expect(placed(parse(`${WEB}roles: [{ division: Sales }]\n`).problems)).toEqual([
      '5:9 `roles[0]` needs `role` (a role name) or `role_id`.',
    ]);
  });
});

describe('validateClient: what a valid client becomes', () => {
  it('holds only the attributes the file sets, besides the defaults', () => {
    expect(parse(CI).definitions).toStrictEqual([
      {
        name: 'ci',
        authorized_grant_type: 'CLIENT-CREDENTIALS',
        description: '',
        access_token_validity_seconds: 86_400,
        registered_redirect_uris: [],
        scopes: [],
        roles: [{ role: 'Developer', position: { file: FILE, line: 3, column: 9 } }],
        state: 'active',
        expose_client_secret: false,
        source: { file: FILE, line: 1, column: 1 },
        namePosition: { file: FILE, line: 1, column: 7 },
      },
    ]);
  });

  it('trims every text it keeps, and remembers where the pinned id is', () => {
    const text =
      'name: web\nauthorized_grant_type: CODE\nregistered_redirect_uris: [https://app.example.com/cb]\n' +
      'scopes: [" users ", admin]\nid: " abc "\nintegration_credential_name: " ci cred "\ndirectory_client_secret: " .secrets "\n' +
      'state: inactive\nexpose_client_secret: true\ndescription: For the portal\naccess_token_validity_seconds: 300\n';
    const parsed = parse(text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.definitions).toStrictEqual([
      {
        name: 'web',
        authorized_grant_type: 'CODE',
        description: 'For the portal',
        access_token_validity_seconds: 300,
        registered_redirect_uris: ['https://app.example.com/cb'],
        scopes: ['users', 'admin'],
        roles: [],
        state: 'inactive',
        expose_client_secret: true,
        source: { file: FILE, line: 1, column: 1 },
        namePosition: { file: FILE, line: 1, column: 7 },
        idPosition: { file: FILE, line: 5, column: 5 },
        id: 'abc',
        integration_credential_name: 'ci cred',
        directory_client_secret: '.secrets',
      },
    ]);
  });

  it('trims a role name', () => {
    expect(parse('name: ci\nauthorized_grant_type: CLIENT-CREDENTIALS\nroles: [{ role: " Developer " }]\n').definitions[0]?.roles).toEqual([
      { role: 'Developer', position: { file: FILE, line: 3, column: 9 } },
    ]);
  });

  it('does not take two clients with an empty `id:` for one pinned id', () => {
    const text =
      'clients:\n  - name: a\n    authorized_grant_type: SAML2-BEARER\n    scopes: [x]\n    id:\n' +
      '  - name: b\n    authorized_grant_type: SAML2-BEARER\n    scopes: [x]\n    id:\n';
    const parsed = parse(text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.definitions.map((definition) => [definition.name, definition.id, definition.idPosition])).toEqual([
      ['a', undefined, undefined],
      ['b', undefined, undefined],
    ]);
  });
});

describe("validateClient: a client's name goes on its own problems only", () => {
  it('leaves the problems of the file, and of a nameless client before it, without a client', () => {
    const text = '$schema: 1\nclients:\n  - authorized_grant_type: SAML2-BEARER\n    scopes: [x]\n  - name: b\n    state: on\n';
    expect(parse(text).problems).toStrictEqual([
      { file: FILE, line: 1, column: 10, message: '`$schema` must be text (the path or URL of the JSON Schema), not a number.' },
      { file: FILE, line: 3, column: 5, message: '`name` is required.' },
      { file: FILE, line: 5, column: 5, client: 'b', message: `\`authorized_grant_type\` is required: one of ${GRANTS}.` },
      { file: FILE, line: 6, column: 12, client: 'b', message: '`state` must be `active` or `inactive`.' },
    ]);
  });

  it('leaves the warning of a nameless client before it without a client', () => {
    const text =
      'clients:\n  - authorized_grant_type: TOKEN\n    registered_redirect_uris: [https://a.example.com/cb]\n    scopes: [x]\n' +
      '  - name: b\n    authorized_grant_type: TOKEN\n    registered_redirect_uris: [https://a.example.com/cb]\n    scopes: [x]\n';
    const deprecated =
      '`authorized_grant_type` TOKEN (implicit) is on its way out: Genesys accepts no new implicit ' +
      'clients since March 2026 and ends the grant in March 2027. Move the app to CODE with PKCE.';
    expect(parse(text).warnings).toStrictEqual([
      { file: FILE, line: 2, column: 28, message: deprecated },
      { file: FILE, line: 6, column: 28, client: 'b', message: deprecated },
    ]);
  });
});

describe('validateClient: values lost to the alias budget', () => {
  // Client `a` spends the whole budget of 200 aliases; the 201st, in `b`, is the one problem. Every later alias reads as
  // nothing, silently: the clients using one are still never accepted, and no second problem is invented for them.
  const spend = Array.from({ length: 199 }, () => '*r').join(', ');
  const text = [
    'clients:',
    '  - &first',
    '    name: &n a',
    '    authorized_grant_type: &g CLIENT-CREDENTIALS',
    `    roles: [&r { role: admin }, ${spend}]`,
    '    description: &d text',
    '  - name: b',
    '    authorized_grant_type: *g',
    '    description: *d',
    '    roles: [{ role: admin }]',
    '  - *first',
    '  - name: *n',
    '    authorized_grant_type: CLIENT-CREDENTIALS',
    '    roles: [{ role: admin }]',
    '  - name: c',
    '    authorized_grant_type: *g',
    '    roles: [{ role: admin }]',
    '  - name: d',
    '    authorized_grant_type: CLIENT-CREDENTIALS',
    '    description: *d',
    '    roles: [{ role: admin }]',
    '  - name: e',
    '    authorized_grant_type: CLIENT-CREDENTIALS',
    '    roles: [*r]',
    '  - name: f',
    '    authorized_grant_type: SAML2-BEARER',
    '    scopes: [*n]',
    '',
  ].join('\n');

  it('reports the alias past the budget once, and accepts only the client read in full', () => {
    const parsed = parse(text);
    expect(parsed.problems).toStrictEqual([
      {
        file: FILE,
        line: 9,
        column: 18,
        client: 'b',
        message: 'The file uses more than 200 YAML aliases (`*name`); write the values out instead.',
      },
    ]);
    expect(parsed.definitions.map((definition) => definition.name)).toEqual(['a']);
  });

  it('also ignores, silently, a key or a `$schema` past the budget', () => {
    const keys = Array.from({ length: 202 }, () => '*k : [z]');
    const single = ['name: x', 'authorized_grant_type: SAML2-BEARER', '&k scopes: [y]', ...keys, '$schema: *k', ''].join('\n');
    expect(placed(parse(single).problems)).toEqual([
      '204:1 The file uses more than 200 YAML aliases (`*name`); write the values out instead.',
    ]);
  });
});
