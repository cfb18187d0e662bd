// For the drift pull request: rewrite drifted clients' definitions to the org's values, touching nothing else. YAML
// goes through the `yaml` document API, so comments, key order, quoting and the other clients stay as written; JSON
// keeps its indentation. A value written as `${VAR}` is left alone (the org's value is per org, the file's is not).
import { isMap, isScalar, isSeq, parseDocument, type Document, type YAMLMap } from 'yaml';
import { ALL_DIVISIONS, type ClientSpec, type FieldChange, type RoleGrant } from '../core/types.js';
import type { DefinitionSource } from './read-files.js';

/** One drifted client: how its definition is found, and the org's values of the fields that differ. */
export interface Adoption {
  /** The definition's name (how it is found in its file). */
  name: string;
  changes: readonly FieldChange[];
  /** The org's side: `current` of the plan's update. */
  org: ClientSpec;
  homeDivisionId: string;
}

export interface AdoptedFiles {
  /** Only the files that changed, with their new text. */
  files: DefinitionSource[];
  /** `client: field` that could not be adopted (a `${VAR}`, or a definition not found). */
  skipped: string[];
}

type Json = Record<string, unknown>;

/** Rewrites the files holding the drifted definitions; files without one are not returned. */
export function adoptOrgValues(sources: readonly DefinitionSource[], adoptions: readonly Adoption[]): AdoptedFiles {
  const skipped: string[] = [];
  const pending = new Map(adoptions.map((adoption) => [adoption.name, adoption]));
  const files: DefinitionSource[] = [];
  for (const source of sources) {
    const rewritten = source.file.endsWith('.json')
      ? adoptInJson(source.text, pending, skipped)
      : adoptInYaml(source.text, pending, skipped);
    if (rewritten === undefined) continue;
    // Windows line endings stay, or the pull request would change every line of the file.
    const text = source.text.includes('\r\n') ? rewritten.replace(/\r?\n/g, '\r\n') : rewritten;
    if (text !== source.text) files.push({ file: source.file, text });
  }
  for (const name of pending.keys()) skipped.push(`${name}: its definition was not found`);
  return { files, skipped };
}

/** The value a definition file holds for a field, in the org's state. */
function orgValue(field: FieldChange['field'], adoption: Adoption, roleStyle: 'ids' | 'names'): unknown {
  if (field === 'roles') return adoption.org.roles.map((grant) => renderGrant(grant, adoption.homeDivisionId, roleStyle));
  return adoption.org[field];
}

function renderGrant(grant: RoleGrant, homeDivisionId: string, style: 'ids' | 'names'): Json {
  const out: Json = style === 'names' && grant.role_name ? { role: grant.role_name } : { role_id: grant.role_id };
  if (grant.division_id === ALL_DIVISIONS) out[style === 'names' ? 'division' : 'division_id'] = ALL_DIVISIONS;
  else if (grant.division_id !== homeDivisionId) {
    if (style === 'names' && grant.division_name) out.division = grant.division_name;
    else out.division_id = grant.division_id;
  }
  return out;
}

const hasVariable = (value: unknown): boolean => JSON.stringify(value ?? '').includes('${');

function adoptInYaml(text: string, pending: Map<string, Adoption>, skipped: string[]): string | undefined {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return undefined;
  const list = isMap(doc.contents) ? doc.contents.get('clients') : undefined;
  const clients: unknown[] = isSeq(list) ? list.items : [doc.contents];
  let changed = false;
  for (const node of clients) {
    if (!isMap(node)) continue;
    const adoption = pending.get(String(node.get('name') ?? ''));
    if (!adoption) continue;
    pending.delete(adoption.name);
    for (const change of adoption.changes) changed = adoptYamlField(doc, node, change.field, adoption, skipped) || changed;
  }
  if (!changed) return undefined;
  // Written back the way the file was written: `[a, b]`, long lines unfolded, and sequences indented under their key
  // or not, as the file has them.
  const indentSeq = !/^([ \t]*)[^\s#][^\n]*:[ \t]*\n\1- /m.test(text);
  return doc.toString({ flowCollectionPadding: false, lineWidth: 0, indentSeq });
}

function adoptYamlField(doc: Document, node: YAMLMap, field: FieldChange['field'], adoption: Adoption, skipped: string[]): boolean {
  const current: unknown = node.get(field, true);
  if (hasVariable(isScalar(current) ? current.value : current && (current as { toJSON(): unknown }).toJSON())) {
    skipped.push(`${adoption.name}: ${field} (written with a variable)`);
    return false;
  }
  const firstRole = isSeq(current) && isMap(current.items[0]) ? current.items[0] : undefined;
  const value = orgValue(field, adoption, firstRole?.has('role_id') ? 'ids' : 'names');
  if (isScalar(current)) {
    current.value = value;
    return true;
  }
  const created = doc.createNode(value);
  if (isSeq(current) && isSeq(created)) created.flow = current.flow;
  node.set(field, created);
  return true;
}

function adoptInJson(text: string, pending: Map<string, Adoption>, skipped: string[]): string | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const root = data as Json;
  const clients = Array.isArray(root.clients) ? (root.clients as unknown[]) : [root];
  let changed = false;
  for (const client of clients) {
    if (typeof client !== 'object' || client === null) continue;
    const entry = client as Json;
    const adoption = pending.get(String(entry.name ?? ''));
    if (!adoption) continue;
    pending.delete(adoption.name);
    for (const change of adoption.changes) {
      if (hasVariable(entry[change.field])) {
        skipped.push(`${adoption.name}: ${change.field} (written with a variable)`);
        continue;
      }
      const first = Array.isArray(entry.roles) ? (entry.roles[0] as Json | undefined) : undefined;
      entry[change.field] = orgValue(change.field, adoption, first && 'role_id' in first ? 'ids' : 'names');
      changed = true;
    }
  }
  if (!changed) return undefined;
  const indent = /^\s*\{[ \t]*\r?\n([ \t]+)/.exec(text)?.[1] ?? '  ';
  return `${JSON.stringify(data, null, indent)}${text.endsWith('\n') ? '\n' : ''}`;
}
