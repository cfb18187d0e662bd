import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/core/plan.js';
import { buildLookups, normaliseDefinition, normaliseSpec } from '../../src/core/normalise.js';
import { GRANT_TYPES, type ClientId, type Definition, type LiveClient } from '../../src/core/types.js';
import { anOrg, DIVISIONS, PLAN_OPTIONS, ROLES } from '../helpers/builders.js';

const token = fc.stringMatching(/^[a-z][a-z0-9:-]{0,12}$/);
const uri = token.map((t) => `https://app.example.com/${t}`);
const roleInput = fc.record({
  role: fc.constantFrom(...ROLES.map((r) => r.name)),
  division: fc.option(fc.constantFrom('*', ...DIVISIONS.map((d) => d.name)), { nil: undefined }),
});

const definition: fc.Arbitrary<Definition> = fc.record({
  name: token,
  authorized_grant_type: fc.constantFrom(...GRANT_TYPES),
  description: fc.string({ maxLength: 20 }),
  access_token_validity_seconds: fc.integer({ min: 300, max: 172_800 }),
  registered_redirect_uris: fc.array(uri, { maxLength: 4 }),
  scopes: fc.array(token, { maxLength: 4 }),
  roles: fc
    .array(roleInput, { maxLength: 4 })
    .map((roles) => roles.map(({ role, division }) => (division === undefined ? { role } : { role, division }))),
  state: fc.constantFrom('active' as const, 'inactive' as const),
  expose_client_secret: fc.boolean(),
  source: fc.constant({ file: 'x.yaml', line: 1, column: 1 }),
});
const definitions = fc.uniqueArray(definition, { selector: (d) => d.name, maxLength: 8 });

/** The org a successful apply would leave: each definition as a live client, in shuffled list order. */
function orgMatching(defs: Definition[], shuffle: (xs: string[]) => string[]) {
  const org = anOrg();
  const lookups = buildLookups(org);
  const clients: LiveClient[] = defs.map((def, index) => {
    const { spec } = normaliseDefinition(def, lookups);
    return {
      ...spec,
      id: `live-${index}` as ClientId,
      scopes: shuffle(spec.scopes),
      registered_redirect_uris: shuffle(spec.registered_redirect_uris),
      roles: [...spec.roles].reverse().map(({ role_id, division_id }) => ({ role_id, division_id })),
    };
  });
  return { ...org, clients: [...org.clients, ...clients] };
}

describe('core properties', () => {
  it('never shows an unchanged client as changed', () => {
    fc.assert(
      fc.property(definitions, (defs) => {
        const plan = buildPlan(
          defs,
          orgMatching(defs, (xs) => [...xs].reverse()),
          PLAN_OPTIONS,
        );
        expect(plan.problems).toEqual([]);
        expect(plan.actions.every((action) => action.kind === 'noop')).toBe(true);
        expect(plan.actions).toHaveLength(defs.length);
      }),
    );
  });

  it('changes nothing when normalising twice', () => {
    const lookups = buildLookups(anOrg());
    fc.assert(
      fc.property(definition, (def) => {
        const once = normaliseDefinition(def, lookups).spec;
        expect(normaliseSpec(once, lookups)).toEqual(once);
      }),
    );
  });

  it('gives the same hash whatever the order of files and lists', () => {
    fc.assert(
      fc.property(definitions, fc.integer(), (defs, seed) => {
        const shuffled = fc.sample(fc.shuffledSubarray(defs, { minLength: defs.length, maxLength: defs.length }), { seed, numRuns: 1 })[0]!;
        const reordered = shuffled.map((d) => ({ ...d, scopes: [...d.scopes].reverse(), roles: [...d.roles].reverse() }));
        expect(buildPlan(reordered, anOrg(), PLAN_OPTIONS).hash).toBe(buildPlan(defs, anOrg(), PLAN_OPTIONS).hash);
      }),
    );
  });
});
