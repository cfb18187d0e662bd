// export: definition files from a live org, so an org that never used the Action adopts it in minutes.
import { hasControls } from '../core/escape.js';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { isAwaitingDeletion, isIgnored } from '../core/match.js';
import { buildLookups, normaliseGrants, type OrgLookups } from '../core/normalise.js';
import type { RoleGrant } from '../core/types.js';
import { listDeclaredClients } from '../definitions/declared.js';
import { isInside, readDefinitionFiles } from '../definitions/read-files.js';
import { fileNameForClient, renderDefinitionFile } from '../definitions/write.js';
import schema from '../../schema/oauth-clients.schema.json' with { type: 'json' };
import type { ModeDeps } from './types.js';

export const SCHEMA_FILE_NAME = 'oauth-clients.schema.json';

export interface ExportResult {
  /** The absolute folder the files went to. */
  folder: string;
  /** Each written file, relative to the repository root (as plan reports them). */
  files: string[];
  skipped: { name: string; reason: string }[];
}

/** Keeps a role's or division's name only where the name is unique in the org; elsewhere the file names the id. */
function nameUniquely(grants: RoleGrant[], lookups: OrgLookups): RoleGrant[] {
  return grants.map((grant) => {
    const { role_name, division_name, ...ids } = grant;
    const named: RoleGrant = { ...ids };
    if (role_name !== undefined && (lookups.roleIdsByName.get(role_name)?.length ?? 0) === 1) named.role_name = role_name;
    if (division_name !== undefined && (lookups.divisionIdsByName.get(division_name)?.length ?? 0) === 1)
      named.division_name = division_name;
    return named;
  });
}

/** Where each client already declared under `path` is declared, by name and by pinned id; export never repeats them. */
async function readDeclared(deps: ModeDeps): Promise<Map<string, string>> {
  // Only the clients count here: the folder's problems are plan's to report.
  const { sources } = await readDefinitionFiles(deps.settings.workspace, deps.settings.path);
  const declared = new Map<string, string>();
  for (const client of listDeclaredClients(sources)) {
    if (client.name !== undefined) declared.set(`name:${client.name}`, client.file);
    if (client.id !== undefined) declared.set(`id:${client.id}`, client.file);
  }
  return declared;
}

/** Writes one definition file per live client (not the Action's own, not support-disabled, not ignored, not declared). */
export async function runExport(deps: ModeDeps): Promise<ExportResult> {
  const { settings, reporter } = deps;
  // An absolute path is used as given; a relative one is below the repository root, as plan reads it.
  const workspace = resolve(settings.workspace);
  const folder = resolve(workspace, settings.path);
  if (!isInside(workspace, folder)) {
    throw new Error(
      `\`${settings.path}\` is outside the repository \`${workspace}\`, and plan reads definitions ` +
        'only inside it, so it would refuse these files. Give a folder inside the repository, or run export ' +
        'from the repository that will hold them (or pass its root as `--workspace`). Nothing was written.',
    );
  }
  const shown = relative(workspace, folder).split(sep).join('/') || '.';
  const org = await deps.openGenesys();
  const live = await org.readOrg();
  const lookups = buildLookups(live);
  await mkdir(folder, { recursive: true });
  // Adopting in steps: clients already declared keep their files (and their hand-written comments and `${VAR}`s).
  const declared = await readDeclared(deps);

  // The schema goes beside the files, so editors validate and complete them with no network access.
  await writeFile(join(folder, SCHEMA_FILE_NAME), `${JSON.stringify(schema, null, 2)}\n`);
  const taken = new Set<string>(await readdir(folder));
  const files: string[] = [];
  const filesByName = new Map<string, string[]>();
  const skipped: ExportResult['skipped'] = [];
  const sorted = [...live.clients].sort((a, b) => a.name.localeCompare(b.name, 'en') || a.id.localeCompare(b.id, 'en'));
  for (const client of sorted) {
    if (client.id === live.self.clientId) skipped.push({ name: client.name, reason: "the Action's own client" });
    else if (client.state === 'disabled') skipped.push({ name: client.name, reason: 'disabled by Genesys support' });
    else if (isAwaitingDeletion(client)) skipped.push({ name: client.name, reason: 'awaiting deletion in Genesys' });
    else if (client.unrecognised) skipped.push({ name: client.name, reason: `its ${client.unrecognised.field} is unknown to this Action` });
    else if (isIgnored(client.name, settings.ignore)) skipped.push({ name: client.name, reason: 'matches `ignore`' });
    else if (hasControls(client.name)) {
      skipped.push({
        name: client.name,
        reason: 'its name has a control character, which a definition cannot hold: rename it in Genesys first',
      });
    } else if (declared.has(`id:${client.id}`) || declared.has(`name:${client.name.trim()}`)) {
      skipped.push({
        name: client.name,
        reason: `already declared in \`${declared.get(`id:${client.id}`) ?? declared.get(`name:${client.name.trim()}`)}\``,
      });
    } else {
      const file = fileNameForClient(client.name, taken);
      const named = { ...client, roles: nameUniquely(normaliseGrants(client.roles, lookups), lookups) };
      await writeFile(join(folder, file), renderDefinitionFile(named, live.homeDivision.id, `./${SCHEMA_FILE_NAME}`));
      const written = shown === '.' ? file : `${shown}/${file}`;
      files.push(written);
      // Definitions compare names after trimming, so `a` and ` a ` collide there too.
      const key = client.name.trim();
      filesByName.set(key, [...(filesByName.get(key) ?? []), written]);
    }
  }
  for (const skip of skipped) reporter.info(`Skipped \`${skip.name}\`: ${skip.reason}.`);
  // Genesys allows clients to share a name; definitions do not, so plan would refuse these files without a word here.
  for (const [name, shared] of filesByName) {
    if (shared.length < 2) continue;
    reporter.info(
      `\`${name}\` is the name of ${shared.length} live clients (${shared.map((f) => `\`${f}\``).join(', ')}). ` +
        'Definition names must be unique: rename all but one in its file before running ' +
        'plan; the pinned `id` keeps each matched, and apply renames the client in Genesys.',
    );
  }
  reporter.info(`Exported ${files.length} client(s) to \`${shown}\`.`);
  return { folder, files, skipped };
}
