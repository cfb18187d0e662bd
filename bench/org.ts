// What every bench scenario starts from: an emulated org of generated clients, and a workspace of definition files
// exported from it by the real `export` mode, then edited the way a pull request would.
import { mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateClients, PROFILES, startEmulator, type Emulator, type SeedClient } from '../emulator/index.js';
import { connectGenesys } from '../src/genesys/connect.js';
import type { ModeDeps, Reporter } from '../src/modes/types.js';
import { runExport } from '../src/modes/export.js';

export const DEFINITIONS_PATH = 'genesys/oauth-clients';
export const LATENCY_MS = 50;
/** Genesys as it behaves: reads lag this long behind writes (the emulator's realistic profile, on real time here). */
export const READ_LAG_MS = PROFILES.realistic.readLagMs;

export const QUIET: Reporter = { info: () => {}, debug: () => {}, notice: () => {}, warning: () => {}, error: () => {} };

/** How the definitions differ from the org; shares of the exported files, counted by position. */
export interface Edits {
  /** Every `update`-th file gets a new description. */
  update?: number;
  /** Every `drop`-th file (offset 7) is deleted, leaving its client unmanaged. */
  drop?: number;
  /** New definition files, clients the org does not have yet. */
  create?: number;
}

export interface Workspace {
  root: string;
  remove(): void;
}

/** ModeDeps for the real modes against `emulator`, quiet, with every secret kept out of sight. */
export function modeDeps(emulator: Emulator, workspace: string, autoApprove = false): ModeDeps {
  const onSecret = (): void => {};
  return {
    settings: { path: DEFINITIONS_PATH, workspace, label: 'bench', prune: false, ignore: [], autoApprove, failOnDrift: false },
    env: {},
    reporter: QUIET,
    onSecret,
    openGenesys: () => connectGenesys({ ...emulator.credentials, apiUrl: emulator.url, onSecret }),
  };
}

export async function startOrg(clients: SeedClient[], latencyMs = LATENCY_MS): Promise<Emulator> {
  return startEmulator({ clients, latencyMs, profile: 'realistic' });
}

/** Exports the org into a new workspace (ids unpinned, so clients match by name as hand-written ones do), then edits it. */
export async function writeDefinitions(emulator: Emulator, edits: Edits): Promise<Workspace> {
  const root = mkdtempSync(join(tmpdir(), 'gos-bench-'));
  await runExport(modeDeps(emulator, root));
  const folder = join(root, DEFINITIONS_PATH);
  const files = readdirSync(folder)
    .filter((file) => file.endsWith('.yaml'))
    .sort();
  files.forEach((file, index) => {
    const path = join(folder, file);
    if (edits.drop && index % edits.drop === 7 % edits.drop) {
      unlinkSync(path);
      return;
    }
    let text = readFileSync(path, 'utf8').replace(/^id: .*\n/m, '');
    if (edits.update && index % edits.update === 0) {
      text = /^description: .*$/m.test(text)
        ? text.replace(/^description: .*$/m, 'description: Changed in this pull request')
        : text.replace(/^(name: .*)$/m, '$1\ndescription: Changed in this pull request');
    }
    writeFileSync(path, text);
  });
  for (let i = 0; i < (edits.create ?? 0); i += 1) {
    const name = `bench-new-${String(i).padStart(4, '0')}`;
    writeFileSync(
      join(folder, `${name}.yaml`),
      `name: ${name}\nauthorized_grant_type: CODE\n` +
        `registered_redirect_uris: [https://${name}.example.com/callback]\nscopes: [users:readonly]\n`,
    );
  }
  emulator.resetLog();
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

export function generatedOrg(n: number): SeedClient[] {
  return generateClients(n, { seed: 7 });
}
