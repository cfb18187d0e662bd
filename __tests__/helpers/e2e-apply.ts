// The apply-on-merge story for end-to-end tests: plan on a pull request, "merge" it, then run the push.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { EmulatedClient } from '../../emulator/index.js';
import { parseMarker, type MarkerData } from '../../src/report/marker.js';
import type { World } from './e2e-world.js';
import { pullRequestEvent, pushEvent, type ActionRun } from './run-action.js';

export const PR_NUMBER = 7;
/** The merge commit of PR_NUMBER on the default branch. */
export const MERGE_SHA = 'c0ffee'.padEnd(40, '0');

/** Run 1: the plan on the pull request, which posts the reviewed plan comment. Throws when it does not succeed. */
export async function planPullRequest(world: World, inputs: Record<string, string> = {}, pr = PR_NUMBER): Promise<ActionRun> {
  const run = await world.run({ eventName: 'pull_request', payload: pullRequestEvent(pr), inputs });
  if (run.code !== 0) throw new Error(`The plan run failed (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  return run;
}

/** Run 1 and the merge: afterwards GitHub answers MERGE_SHA with the merged pull request. */
export async function planAndMerge(world: World, inputs: Record<string, string> = {}, pr = PR_NUMBER): Promise<ActionRun> {
  const run = await planPullRequest(world, inputs, pr);
  world.github.addPullForCommit(MERGE_SHA, { number: pr, merged: true });
  return run;
}

/** Run 2: the push of the merge commit to the default branch (mode `auto` → apply); the branch is now at `sha`. */
export function pushMerge(world: World, inputs: Record<string, string> = {}, sha = MERGE_SHA): Promise<ActionRun> {
  world.github.setBranch('main', sha);
  return rerunPush(world, inputs, sha);
}

/** The apply job of a push run again later: the branch stays wherever it is now. */
export function rerunPush(world: World, inputs: Record<string, string> = {}, sha = MERGE_SHA): Promise<ActionRun> {
  return world.run({ eventName: 'push', payload: pushEvent(), sha, inputs });
}

/** Writes a definition file under the workspace's `genesys/oauth-clients/`. */
export function writeDefinition(world: World, file: string, text: string): void {
  const path = join(world.workspace, 'genesys/oauth-clients', file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** The org's clients by name; a name that maps to two clients was created twice. */
export function clientsByName(world: World): Map<string, EmulatedClient[]> {
  const byName = new Map<string, EmulatedClient[]>();
  for (const client of world.emulator.listClients()) byName.set(client.name, [...(byName.get(client.name) ?? []), client]);
  return byName;
}

/** The one live client called `name`; fails when there is none or more than one. */
export function onlyClient(world: World, name: string): EmulatedClient {
  const found = clientsByName(world).get(name) ?? [];
  if (found.length !== 1) throw new Error(`Expected one live client named \`${name}\`, found ${found.length}.`);
  return found[0]!;
}

/** The emulator's writes as `METHOD path` lines, in order. */
export function writeLines(world: World): string[] {
  return world.emulator.writes().map((entry) => `${entry.method} ${entry.path}`);
}

/** Every file under `dir` (relative path → text), for sentinel scans of the workspace. */
export function readTree(dir: string, skip: (relativePath: string) => boolean = () => false): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      const rel = relative(dir, path);
      if (skip(rel)) continue;
      if (statSync(path).isDirectory()) walk(path);
      else files[rel] = readFileSync(path, 'utf8');
    }
  };
  walk(dir);
  return files;
}

/** The sticky comments on the pull request: exactly one is expected, so this fails otherwise. */
export function onlyComment(world: World, pr = PR_NUMBER): string {
  const comments = world.github.comments(pr);
  if (comments.length !== 1) throw new Error(`Expected one comment on #${pr}, found ${comments.length}.`);
  return comments[0]!.body;
}

/** The hidden marker of a comment body: the reviewed hash and where the story stands. */
export function markerOf(body: string): MarkerData {
  const marker = parseMarker(body);
  if (!marker) throw new Error(`No genesys-oauth-sync marker in:\n${body.slice(0, 500)}`);
  return marker;
}
