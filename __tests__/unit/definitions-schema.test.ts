import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import {
  DEFAULT_TOKEN_VALIDITY_SECONDS,
  DESIRED_STATES,
  GRANT_TYPE_ALIASES,
  GRANT_TYPES,
  MAX_TOKEN_VALIDITY_SECONDS,
  MIN_TOKEN_VALIDITY_SECONDS,
} from '../../src/core/types.js';
import { CLIENT_KEYS, LIST_FILE_KEYS, ROLE_KEYS, SCHEMA_KEY } from '../../src/definitions/definition-keys.js';
import { parseDefinitions } from '../../src/definitions/parse.js';
import { readDefinitionFiles } from '../../src/definitions/read-files.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SCHEMA_PATH = join(ROOT, 'schema/oauth-clients.schema.json');
const EXAMPLES = 'examples/genesys/oauth-clients';
const EXAMPLE_ENV = { APP_BASE_URL: 'https://portal.example.com' };

type Schema = { [key: string]: unknown };
const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as Schema;

function at(pointer: string): Schema {
  return pointer
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((node, part) => (node as Schema)[part.replace(/~1/g, '/').replace(/~0/g, '~')], schema) as Schema;
}

/**
 * The subset of JSON Schema draft-07 the shipped schema uses, enough to check files against it without a validator
 * package. Returns the JSON pointers of the instance that fail.
 */
function validate(node: Schema | boolean, value: unknown, path = ''): string[] {
  if (node === true) return [];
  if (node === false) return [path || '/'];
  if (typeof node.$ref === 'string') return validate(at(node.$ref), value, path);
  const errors: string[] = [];
  const fail = (): void => void errors.push(path || '/');
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
  const type = node.type;
  if (type === 'object' && !isObject) return [path || '/'];
  if (type === 'array' && !Array.isArray(value)) return [path || '/'];
  if (type === 'string' && typeof value !== 'string') return [path || '/'];
  if (type === 'integer' && !Number.isInteger(value)) return [path || '/'];
  if (type === 'boolean' && typeof value !== 'boolean') return [path || '/'];
  if (Array.isArray(node.enum) && !node.enum.includes(value)) fail();
  if (typeof value === 'number') {
    if (typeof node.minimum === 'number' && value < node.minimum) fail();
    if (typeof node.maximum === 'number' && value > node.maximum) fail();
  }
  if (typeof value === 'string') {
    if (typeof node.minLength === 'number' && value.length < node.minLength) fail();
    if (typeof node.pattern === 'string' && !new RegExp(node.pattern, 'u').test(value)) fail();
  }
  if (Array.isArray(value)) {
    if (typeof node.minItems === 'number' && value.length < node.minItems) fail();
    if (typeof node.maxItems === 'number' && value.length > node.maxItems) fail();
    if (node.items !== undefined)
      value.forEach((item, index) => {
        errors.push(...validate(node.items as Schema, item, `${path}/${index}`));
      });
  }
  if (isObject) {
    const object = value as Record<string, unknown>;
    const properties = (node.properties ?? {}) as Record<string, Schema>;
    for (const key of (node.required ?? []) as string[]) if (!(key in object)) fail();
    for (const [key, item] of Object.entries(object)) {
      if (key in properties) errors.push(...validate(properties[key]!, item, `${path}/${key}`));
      else if (node.additionalProperties === false) errors.push(`${path}/${key}`);
    }
  }
  for (const part of (node.allOf ?? []) as Schema[]) errors.push(...validate(part, value, path));
  if (Array.isArray(node.oneOf) && node.oneOf.filter((part) => validate(part as Schema, value, path).length === 0).length !== 1) fail();
  if (node.not !== undefined && validate(node.not as Schema, value, path).length === 0) fail();
  if (node.if !== undefined) {
    const branch = validate(node.if as Schema, value, path).length === 0 ? node.then : node.else;
    if (branch !== undefined) errors.push(...validate(branch as Schema, value, path));
  }
  return errors;
}

function definitionFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(ya?ml|json)$/.test(file))
    .map((file) => join(folder, file))
    .sort();
}

function loadAsData(file: string): unknown {
  return parseYaml(readFileSync(join(ROOT, file), 'utf8').replace(/^\uFEFF/, ''));
}

describe('the JSON Schema of definition files', () => {
  const client = at('#/definitions/client');
  const clientProperties = client.properties as Record<string, Schema>;

  it('lists exactly the keys the parser knows, in each shape of file', () => {
    expect(Object.keys(clientProperties).sort()).toEqual([...CLIENT_KEYS].sort());
    expect(Object.keys(at('#/definitions/clientFile/properties')).sort()).toEqual([SCHEMA_KEY, ...CLIENT_KEYS].sort());
    expect(Object.keys(at('#/definitions/clientListFile/properties')).sort()).toEqual([...LIST_FILE_KEYS].sort());
    expect(Object.keys(at('#/definitions/roleGrant/properties')).sort()).toEqual([...ROLE_KEYS].sort());
  });

  it('refuses unknown keys at every level', () => {
    for (const pointer of ['#/definitions/client', '#/definitions/clientFile', '#/definitions/clientListFile', '#/definitions/roleGrant']) {
      expect(at(pointer).additionalProperties, pointer).toBe(false);
    }
  });

  it('describes every attribute', () => {
    const roleProperties = at('#/definitions/roleGrant/properties') as Record<string, Schema>;
    const described = [...Object.entries(clientProperties), ...Object.entries(roleProperties)];
    for (const [key, property] of described) expect(typeof property.description, key).toBe('string');
  });

  it('takes its enums, bounds and defaults from the shared constants', () => {
    expect(clientProperties.authorized_grant_type?.enum).toEqual([...GRANT_TYPES, ...Object.keys(GRANT_TYPE_ALIASES)]);
    expect(clientProperties.state?.enum).toEqual([...DESIRED_STATES]);
    expect(clientProperties.access_token_validity_seconds).toMatchObject({
      type: 'integer',
      minimum: MIN_TOKEN_VALIDITY_SECONDS,
      maximum: MAX_TOKEN_VALIDITY_SECONDS,
      default: DEFAULT_TOKEN_VALIDITY_SECONDS,
    });
    expect(client.required).toEqual(['name', 'authorized_grant_type']);
  });

  it.each([
    { rule: 'CODE needs redirect URIs', value: { name: 'a', authorized_grant_type: 'CODE', scopes: ['x'] } },
    {
      rule: 'TOKEN needs non-empty redirect URIs',
      value: { name: 'a', authorized_grant_type: 'TOKEN', scopes: ['x'], registered_redirect_uris: [] },
    },
    { rule: 'PASSWORD needs scopes', value: { name: 'a', authorized_grant_type: 'PASSWORD' } },
    { rule: 'CLIENT-CREDENTIALS needs roles', value: { name: 'a', authorized_grant_type: 'CLIENT-CREDENTIALS', scopes: ['x'] } },
    {
      rule: 'CLIENT-CREDENTIALS takes no scopes',
      value: { name: 'a', authorized_grant_type: 'CLIENT-CREDENTIALS', roles: [{ role: 'x' }], scopes: ['x'] },
    },
    {
      rule: 'CODE takes no roles',
      value: { name: 'a', authorized_grant_type: 'CODE', scopes: ['x'], registered_redirect_uris: ['https://a/'], roles: [{ role: 'x' }] },
    },
    {
      rule: 'a role needs a role reference',
      value: { name: 'a', authorized_grant_type: 'CLIENT-CREDENTIALS', roles: [{ division: 'Sales' }] },
    },
    {
      rule: 'a role has one role reference',
      value: { name: 'a', authorized_grant_type: 'CLIENT-CREDENTIALS', roles: [{ role: 'x', role_id: 'y' }] },
    },
    {
      rule: 'a role has one division reference',
      value: { name: 'a', authorized_grant_type: 'CLIENT-CREDENTIALS', roles: [{ role: 'x', division: 'S', division_id: 'y' }] },
    },
    {
      rule: 'redirect URIs are absolute',
      value: { name: 'a', authorized_grant_type: 'CODE', scopes: ['x'], registered_redirect_uris: ['/cb'] },
    },
    { rule: 'unknown keys are refused', value: { name: 'a', authorized_grant_type: 'SAML2-BEARER', scopes: ['x'], scope: ['x'] } },
    { rule: 'a list file holds only clients', value: { clients: [], name: 'a' } },
    {
      rule: 'rotation needs a delivery that records time',
      value: { name: 'a', authorized_grant_type: 'CLIENT-CREDENTIALS', roles: [{ role: 'x' }], secret_rotation_days: 90 },
    },
    {
      rule: 'a GitHub secret needs a valid name',
      value: { name: 'a', authorized_grant_type: 'CLIENT-CREDENTIALS', roles: [{ role: 'x' }], github_secret: { name: 'GITHUB_X' } },
    },
  ])('encodes the rule: $rule', ({ value }) => {
    expect(validate(schema, value)).not.toEqual([]);
  });

  it('accepts a redirect URI that starts with a variable', () => {
    const value = { name: 'a', authorized_grant_type: 'CODE', scopes: ['x'], registered_redirect_uris: ['${APP_BASE_URL}/cb'] };
    expect(validate(schema, value)).toEqual([]);
  });
});

describe('the examples', () => {
  const examples = definitionFiles(EXAMPLES);

  it('has four to six files, one of them JSON and one a clients list', () => {
    expect(examples.length).toBeGreaterThanOrEqual(4);
    expect(examples.length).toBeLessThanOrEqual(6);
    expect(examples.some((file) => file.endsWith('.json'))).toBe(true);
    expect(examples.some((file) => (loadAsData(file) as Schema).clients !== undefined)).toBe(true);
  });

  it.each(examples)('%s satisfies the schema', (file) => {
    expect(validate(schema, loadAsData(file))).toEqual([]);
  });

  it.each(examples.filter((file) => !file.endsWith('.json')))('%s points editors at the schema from its first line', (file) => {
    const first = readFileSync(join(ROOT, file), 'utf8').split('\n')[0] ?? '';
    const reference = /^# yaml-language-server: \$schema=(.+)$/.exec(first)?.[1];
    expect(reference).toBeDefined();
    expect(relative(ROOT, resolve(dirname(join(ROOT, file)), reference!))).toBe('schema/oauth-clients.schema.json');
  });

  it('parses without problems, warned only about the implicit grant, using only the roles and divisions of the emulator', async () => {
    const { sources, problems: readProblems } = await readDefinitionFiles(ROOT, EXAMPLES);
    const { definitions, problems, warnings } = parseDefinitions(sources, EXAMPLE_ENV);
    expect([...readProblems, ...problems]).toEqual([]);
    expect(warnings.map((warning) => `${warning.client}: ${warning.message.slice(0, 50)}`)).toEqual([
      'agent-dashboard: `authorized_grant_type` TOKEN (implicit) is on its',
    ]);
    expect(definitions.length).toBeGreaterThanOrEqual(6);
    const roles = new Set(['admin', 'employee', 'Developer', 'Reporting Viewer', 'Telephony Admin']);
    const divisions = new Set(['Home', 'Sales', 'Support', '*']);
    for (const grant of definitions.flatMap((definition) => definition.roles)) {
      expect(roles.has(grant.role ?? '')).toBe(true);
      if (grant.division !== undefined) expect(divisions.has(grant.division)).toBe(true);
    }
    expect(new Set(definitions.map((definition) => definition.authorized_grant_type))).toEqual(
      new Set(GRANT_TYPES.filter((grant) => grant !== 'PASSWORD')),
    );
  });

  it('fails without APP_BASE_URL, naming it', async () => {
    const { sources } = await readDefinitionFiles(ROOT, EXAMPLES);
    const { problems } = parseDefinitions(sources, {});
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) expect(problem.message).toContain('`APP_BASE_URL`');
  });
});

describe('the schema against the fixture corpus', () => {
  it.each(definitionFiles('__tests__/__fixtures__/definitions/valid').filter((file) => !file.endsWith('empty.yaml')))(
    'accepts the valid fixture %s',
    (file) => {
      expect(validate(schema, loadAsData(file))).toEqual([]);
    },
  );

  it.each(['rules.yaml', 'wrong-types.yaml', 'unknown-keys.yaml', 'missing-required.yaml', 'bad-clients.json', 'not-a-mapping.yaml'])(
    'refuses the invalid fixture %s',
    (file) => {
      expect(validate(schema, loadAsData(`__tests__/__fixtures__/definitions/invalid/${file}`))).not.toEqual([]);
    },
  );
});
