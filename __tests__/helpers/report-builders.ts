// Small builders for report tests: a plan or report reads as the situation it describes.
import { hashChangeSet } from '../../src/core/hash.js';
import type { ClientSpec, DivisionId, FieldChange, Plan, PlanAction, RoleId } from '../../src/core/types.js';
import type { Report } from '../../src/report/report.js';
import { aSpec, clientId } from './builders.js';

export const id = clientId;

export function aClient(overrides: Partial<ClientSpec> = {}): ClientSpec {
  return aSpec({
    name: 'ci-deployer',
    roles: [{ role_id: 'role-dev' as RoleId, division_id: 'div-home' as DivisionId, role_name: 'Developer', division_name: 'Home' }],
    ...overrides,
  });
}

export function aCreate(
  name: string,
  overrides: Partial<ClientSpec> = {},
  delivery: Partial<Extract<PlanAction, { kind: 'create' }>['delivery']> = {},
): PlanAction {
  return { kind: 'create', client: name, desired: aClient({ name, ...overrides }), delivery: { expose_client_secret: false, ...delivery } };
}

export function anUpdate(name: string, changes: FieldChange[], clientId = `id-${name}`): PlanAction {
  const current = aClient({ name });
  return { kind: 'update', client: name, id: id(clientId), changes, current, desired: current };
}

export function aDelete(name: string, clientId = `id-${name}`): PlanAction {
  return { kind: 'delete', client: name, id: id(clientId), current: aClient({ name }) };
}

export function aNoop(name: string): PlanAction {
  return { kind: 'noop', client: name, id: id(`id-${name}`) };
}

export function aPlan(overrides: Partial<Plan> = {}): Plan {
  const actions = overrides.actions ?? [];
  return { version: 1, label: 'prod', actions, unmanaged: [], problems: [], warnings: [], hash: hashChangeSet(actions), ...overrides };
}

export function aReport(overrides: Partial<Report> = {}): Report {
  return {
    label: 'prod',
    kind: 'plan',
    problems: [],
    warnings: [],
    run: { name: 'plan #12', url: 'https://github.com/acme/genesys/actions/runs/42' },
    ...overrides,
  };
}

export const scalar = (
  field: 'description' | 'access_token_validity_seconds' | 'state' | 'name' | 'authorized_grant_type',
  old: string | number,
  next: string | number,
): FieldChange => ({
  kind: 'scalar',
  field,
  old,
  new: next,
});
