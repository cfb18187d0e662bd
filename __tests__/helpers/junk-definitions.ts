// Random junk as definition files, for the fuzz tests in-process (many runs) and through dist/ (a few).
import fc from 'fast-check';
import { stringify } from 'yaml';
import { CLIENT_KEYS } from '../../src/definitions/definition-keys.js';

const YAML_FRAGMENTS = [
  'name: x',
  'name:',
  'name: [',
  'authorized_grant_type: CODE',
  'authorized_grant_type: 7',
  '  - a',
  '- b',
  'clients:',
  'clients: {}',
  '---',
  '...',
  '%YAML 1.1',
  '&a x',
  '*a',
  '<<: *a',
  '!!binary aGk=',
  '!custom tag',
  'key: !!int "12"',
  '? complex key',
  ': value',
  '"unterminated',
  "'single",
  '{a: 1, b: [}',
  '[[[[[[[[',
  ']]]]',
  '\t\ttab: indented',
  'scopes: ${UNSET_VAR}',
  'scopes: $${escaped}',
  'roles: [{role: , division: }]',
  'state: .nan',
  'access_token_validity_seconds: 1e400',
  '#comment',
  '\uFEFFname: bom',
  'name: "\\u0000"',
  'description: |',
  '  folded',
  'x: 0x1F',
  'id: ~',
  '- - - -',
];

const junkText = fc.oneof(
  fc.string({ maxLength: 120 }),
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc.array(fc.constantFrom(...YAML_FRAGMENTS), { maxLength: 10 }).map((lines) => lines.join('\n')),
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
  // Near misses: real keys, random values.
  fc
    .dictionary(fc.oneof(fc.constantFrom(...CLIENT_KEYS), fc.string({ maxLength: 8 })), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 })
    .map((client) => stringify(client)),
);
const junk = fc.oneof(
  junkText.map((text) => Buffer.from(text, 'utf8')),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
);
export const junkFiles = fc.uniqueArray(
  fc.record({ stem: fc.constantFrom('a', 'b', 'c', 'nested/d'), ext: fc.constantFrom('yaml', 'yml', 'json'), content: junk }),
  { minLength: 1, maxLength: 3, selector: (file) => file.stem },
);
