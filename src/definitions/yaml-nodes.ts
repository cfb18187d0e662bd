// Typed reads of YAML nodes: every value keeps its position, every wrong type becomes one problem, nothing throws.
import { isAlias, isMap, isScalar, isSeq, Scalar, type Document, type LineCounter, type Node, type YAMLMap } from 'yaml';
import type { Env, Problem, SourcePosition } from '../core/types.js';
import { interpolate } from './interpolate.js';

/** Aliases resolved per file before the file is refused: enough for shared lists, far too few for a "billion laughs". */
export const MAX_ALIASES_PER_FILE = 200;

export interface FileContext {
  file: string;
  doc: Document;
  lineCounter: LineCounter;
  env: Env;
  problems: Problem[];
  warnings: Problem[];
  aliasesLeft: number;
}

export interface Entry {
  key: string;
  keyNode: Node;
  /** `undefined` only when an alias could not be resolved (over budget); that was already reported. */
  value: Node | undefined;
}

export interface StringValue {
  value: string;
  node: Node;
  /** True when `${VAR}` put environment text into the value: it is never echoed. */
  substituted: boolean;
}

/** Where a node starts; nodes without a range (never in parsed documents) point at the top of the file. */
export function positionOf(ctx: FileContext, node: Node | undefined): SourcePosition {
  return positionAtOffset(ctx, node?.range?.[0] ?? 0);
}

export function positionAtOffset(ctx: FileContext, offset: number): SourcePosition {
  const { line, col } = ctx.lineCounter.linePos(offset);
  return { file: ctx.file, line: Math.max(line, 1), column: Math.max(col, 1) };
}

export function addProblem(ctx: FileContext, node: Node | undefined, message: string): void {
  ctx.problems.push({ ...positionOf(ctx, node), message });
}

export function addWarning(ctx: FileContext, node: Node | undefined, message: string): void {
  ctx.warnings.push({ ...positionOf(ctx, node), message });
}

/** Follows an alias to its anchored node, within the file's alias budget. */
export function resolveNode(ctx: FileContext, node: unknown): Node | undefined {
  if (!isAlias(node)) return node as Node | undefined;
  if (ctx.aliasesLeft <= 0) {
    if (ctx.aliasesLeft === 0) {
      addProblem(ctx, node, `The file uses more than ${MAX_ALIASES_PER_FILE} YAML aliases (\`*name\`); write the values out instead.`);
    }
    ctx.aliasesLeft = -1;
    return undefined;
  }
  ctx.aliasesLeft -= 1;
  const target = node.resolve(ctx.doc);
  if (target === undefined) return undefined;
  // An alias to an alias is not valid YAML, so one step always lands on a scalar or a collection.
  return isAlias(target) ? undefined : target;
}

/** The pairs of a mapping with string keys; a repeated key was already reported by the YAML parser and is skipped. */
export function entriesOf(ctx: FileContext, map: YAMLMap): Entry[] {
  const entries: Entry[] = [];
  const seen = new Set<string>();
  for (const pair of map.items) {
    const keyNode = resolveNode(ctx, pair.key);
    if (keyNode === undefined) continue;
    if (!isScalar(keyNode) || (keyNode.value !== null && typeof keyNode.value === 'object')) {
      addProblem(ctx, keyNode, 'Keys must be plain names such as `scopes`, not lists or mappings.');
      continue;
    }
    const key = String(keyNode.value);
    if (seen.has(key)) continue;
    seen.add(key);
    const value = pair.value === null ? emptyAfter(keyNode) : resolveNode(ctx, pair.value);
    entries.push({ key, keyNode, value });
  }
  return entries;
}

/** `{ name }` and `? name` have no value node; an empty one right after the key keeps positions meaningful. */
function emptyAfter(keyNode: Node): Scalar {
  const empty = new Scalar(null);
  const end = keyNode.range?.[1] ?? 0;
  empty.range = [end, end, end];
  return empty;
}

/** `a number`, `a list`…: how a wrong value is named in a message, without echoing it. */
export function describeNode(node: Node | undefined): string {
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (!isScalar(node)) return 'empty';
  const value = node.value;
  if (value === null || value === undefined) return 'empty';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number' || typeof value === 'bigint') return 'a number';
  if (typeof value === 'boolean') return `\`${String(value)}\``;
  return 'a tagged value';
}

export function isEmptyValue(node: Node | null | undefined): boolean {
  return node === undefined || node === null || (isScalar(node) && (node.value === null || node.value === undefined));
}

/** A text value with `${VAR}` resolved; undefined (and one problem per mistake) when it is not usable text. */
export function parseStringNode(ctx: FileContext, node: Node | undefined, label: string): StringValue | undefined {
  if (isEmptyValue(node)) {
    addProblem(ctx, node, `\`${label}\` must not be empty.`);
    return undefined;
  }
  if (!isScalar(node) || typeof node.value !== 'string') {
    const hint = isScalar(node) && node.value !== null ? '; put it in quotes' : '';
    addProblem(ctx, node, `\`${label}\` must be text, not ${describeNode(node)}${hint}.`);
    return undefined;
  }
  const result = interpolate(node.value, ctx.env);
  for (const error of result.errors) addProblem(ctx, node, `\`${label}\`: ${error}`);
  if (result.errors.length > 0) return undefined;
  return { value: result.value, node, substituted: result.substituted };
}

/** A whole number; `"3600"` in quotes and `3600.5` are refused. */
export function parseIntegerNode(ctx: FileContext, node: Node | undefined, label: string): number | undefined {
  if (isScalar(node) && typeof node.value === 'number' && Number.isSafeInteger(node.value)) return node.value;
  const what = isScalar(node) && typeof node.value === 'number' ? 'a fraction' : describeNode(node);
  addProblem(ctx, node, `\`${label}\` must be a whole number of seconds, not ${what}.`);
  return undefined;
}

/** `true` or `false` and nothing else: YAML 1.2 reads `yes` and `"true"` as text. */
export function parseBooleanNode(ctx: FileContext, node: Node | undefined, label: string): boolean | undefined {
  if (isScalar(node) && typeof node.value === 'boolean') return node.value;
  addProblem(ctx, node, `\`${label}\` must be \`true\` or \`false\` (unquoted), not ${describeNode(node)}.`);
  return undefined;
}

/** A list of text values; an empty value counts as an empty list. Undefined when the value is not a list. */
export function parseStringListNode(ctx: FileContext, node: Node | undefined, label: string): StringValue[] | undefined {
  if (isEmptyValue(node)) return [];
  if (!isSeq(node)) {
    addProblem(ctx, node, `\`${label}\` must be a list, not ${describeNode(node)}.`);
    return undefined;
  }
  const values: StringValue[] = [];
  let valid = true;
  node.items.forEach((item, index) => {
    const resolved = resolveNode(ctx, item);
    const value = resolved === undefined ? undefined : parseStringNode(ctx, resolved, `${label}[${index}]`);
    if (value === undefined) valid = false;
    else values.push(value);
  });
  return valid ? values : undefined;
}

/** Keys are echoed in messages; a pasted blob as a key should not flood the report. */
export function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
