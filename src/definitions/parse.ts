// Definition files → Definition[] with every problem of every file, each at its file:line:column (SPEC §1).
import { isMap, isSeq, LineCounter, parseDocument, type Node, type YAMLMap } from 'yaml';
import type { Definition, Env, Problem, SourcePosition } from '../core/types.js';
import { CLIENTS_KEY, LIST_FILE_KEYS, SCHEMA_KEY } from './definition-keys.js';
import {
  addProblem,
  addWarning,
  describeNode,
  entriesOf,
  isEmptyValue,
  MAX_ALIASES_PER_FILE,
  positionAtOffset,
  resolveNode,
  shorten,
  type FileContext,
} from './yaml-nodes.js';
import type { DefinitionSource } from './read-files.js';
import { suggestClosest } from '../core/suggest.js';
import { findJsonSyntaxError } from './json-syntax.js';
import { isFatal, toSyntaxProblems } from './syntax-problems.js';
import { checkSchemaReference, validateClient, type ValidatedClient } from './validate.js';

export interface ParsedDefinitions {
  /** Clients without any problem, in file order. */
  definitions: Definition[];
  problems: Problem[];
  warnings: Problem[];
}

const BYTE_ORDER_MARK = '\uFEFF';
/** Exported so the property tests can assert that no input ever reaches the safety net. */
export const UNREADABLE_MESSAGE = 'The file could not be checked (an internal error in genesys-oauth-sync); please report it.';

/** Parses and validates every source; never throws for anything a file may contain. */
export function parseDefinitions(sources: DefinitionSource[], env: Env): ParsedDefinitions {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const clients: ValidatedClient[] = [];
  for (const source of sources) {
    try {
      const ctx = parseSource(source, env, clients);
      problems.push(...ctx.problems);
      warnings.push(...ctx.warnings);
    } catch {
      // A bug here must still fail the run before any Genesys request, never crash it; the cause is not echoed
      // because it may quote the file, and the file may hold interpolated secrets.
      problems.push({ file: source.file, line: 1, column: 1, message: UNREADABLE_MESSAGE });
    }
  }
  const duplicates = new Set<ValidatedClient>();
  reportDuplicates(
    clients,
    (client) => client.name,
    problems,
    duplicates,
    (name, other) => `The name \`${name}\` is also used at \`${other}\`; client names must be unique.`,
  );
  // The id itself is not repeated: it may come from a variable, and the two positions already show it.
  reportDuplicates(
    clients,
    (client) => client.id,
    problems,
    duplicates,
    (_id, other) => `This \`id\` is also pinned at \`${other}\`; a live client can belong to one definition only.`,
  );
  reportDuplicates(
    clients,
    (client) => client.githubSecret,
    problems,
    duplicates,
    (_key, other) => `This \`github_secret\` is also the one of the client at \`${other}\`; each would overwrite the other's secret.`,
  );
  const fileOrder = new Map(sources.map((source, index) => [source.file, index]));
  return {
    definitions: clients.filter((client) => !duplicates.has(client)).flatMap((client) => client.definition ?? []),
    problems: sortByPosition(dedupe(problems), fileOrder),
    warnings: sortByPosition(dedupe(warnings), fileOrder),
  };
}

function parseSource(source: DefinitionSource, env: Env, clients: ValidatedClient[]): FileContext {
  const text = source.text.startsWith(BYTE_ORDER_MARK) ? source.text.slice(1) : source.text;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const ctx: FileContext = { file: source.file, doc, lineCounter, env, problems: [], warnings: [], aliasesLeft: MAX_ALIASES_PER_FILE };
  // A `.json` file is held to JSON (no trailing commas, no comments, errors that say "JSON"); valid JSON is valid
  // YAML, so the YAML document then gives every value its position.
  const jsonError = /\.json$/i.test(source.file) && text.trim() !== '' ? findJsonSyntaxError(text) : undefined;
  if (jsonError !== undefined) {
    ctx.problems.push({ ...positionAtOffset(ctx, jsonError.offset), message: jsonError.message });
    return ctx;
  }
  ctx.problems.push(...toSyntaxProblems(ctx, text, doc.errors));
  for (const warning of doc.warnings) {
    const message = warning.message.split('\n')[0]?.trim() ?? '';
    ctx.warnings.push({
      ...positionAtOffset(ctx, warning.pos[0]),
      message: `YAML warning: ${message}${/[.!?]$/.test(message) ? '' : '.'}`,
    });
  }
  if (doc.errors.some(isFatal)) return ctx;

  if (isEmptyValue(doc.contents)) {
    addWarning(ctx, undefined, 'The file is empty: it declares no client.');
    return ctx;
  }
  const root = resolveNode(ctx, doc.contents);
  if (root === undefined) return ctx;
  if (!isMap(root)) {
    addProblem(
      ctx,
      root,
      'A definition file holds one client (a mapping with `name`, `authorized_grant_type`, ' +
        `…) or \`clients:\` with a list of them, not ${describeNode(root)}.`,
    );
    return ctx;
  }
  const found: ValidatedClient[] = [];
  if (root.has(CLIENTS_KEY)) parseClientList(ctx, root, found);
  else found.push(validateClient(ctx, root, true));
  // A repeated key leaves the document readable, but which of the two values the user meant is unknown.
  const ambiguous = doc.errors.length > 0;
  clients.push(
    ...found.map(({ definition, ...located }) => (ambiguous || definition === undefined ? located : { ...located, definition })),
  );
  return ctx;
}

function parseClientList(ctx: FileContext, root: YAMLMap, clients: ValidatedClient[]): void {
  for (const entry of entriesOf(ctx, root)) {
    if (entry.value === undefined) continue;
    if (entry.key === CLIENTS_KEY) parseClients(ctx, entry.value, clients);
    else if (entry.key === SCHEMA_KEY) checkSchemaReference(ctx, entry.value);
    else {
      const suggestion = suggestClosest(entry.key, LIST_FILE_KEYS);
      const hint =
        suggestion === undefined
          ? '; a file holds either one client or `clients:` with a list of them.'
          : `; did you mean \`${suggestion}\`?`;
      addProblem(ctx, entry.keyNode, `Unknown key \`${shorten(entry.key)}\` beside \`clients:\`${hint}`);
    }
  }
}

function parseClients(ctx: FileContext, node: Node, clients: ValidatedClient[]): void {
  if (isEmptyValue(node) || (isSeq(node) && node.items.length === 0)) {
    addWarning(ctx, node, 'The `clients:` list is empty: this file declares no client.');
    return;
  }
  if (!isSeq(node)) {
    addProblem(ctx, node, `\`clients\` must be a list of client mappings, not ${describeNode(node)}.`);
    return;
  }
  node.items.forEach((item, index) => {
    const client = resolveNode(ctx, item);
    if (client === undefined) return;
    if (isMap(client)) clients.push(validateClient(ctx, client, false));
    else addProblem(ctx, client, `\`clients[${index}]\` must be a client mapping, not ${describeNode(client)}.`);
  });
}

type Located = { value: string; position: SourcePosition };

function reportDuplicates(
  clients: ValidatedClient[],
  keyOf: (client: ValidatedClient) => Located | undefined,
  problems: Problem[],
  duplicates: Set<ValidatedClient>,
  describe: (value: string, otherPlace: string) => string,
): void {
  const byValue = new Map<string, ValidatedClient[]>();
  for (const client of clients) {
    const key = keyOf(client);
    if (key !== undefined) byValue.set(key.value, [...(byValue.get(key.value) ?? []), client]);
  }
  for (const [value, group] of byValue) {
    if (group.length < 2) continue;
    group.forEach((client, index) => {
      const here = keyOf(client);
      const other = keyOf(group[index === 0 ? 1 : 0] ?? client);
      if (here === undefined || other === undefined) return;
      duplicates.add(client);
      const otherPlace = `${other.position.file}:${other.position.line}:${other.position.column}`;
      const problem: Problem = { ...here.position, message: describe(value, otherPlace) };
      if (client.name !== undefined) problem.client = client.name.value;
      problems.push(problem);
    });
  }
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.file}\u0000${problem.line}\u0000${problem.column}\u0000${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function sortByPosition(problems: Problem[], fileOrder: Map<string, number>): Problem[] {
  const rank = (problem: Problem): number => fileOrder.get(problem.file ?? '') ?? Number.MAX_SAFE_INTEGER;
  // The sort is stable: problems at one place stay in the order they were found.
  return [...problems].sort((a, b) => rank(a) - rank(b) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}
