// A release's notes are its section of CHANGELOG.md. `npx tsx scripts/release-notes.ts v1.2.3` prints them, and
// refuses a tag that is not vX.Y.Z, that differs from package.json's version, or that has no section.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const TAG = /^v(\d+)\.(\d+)\.(\d+)$/;

/** The changelog section of `tag`, checked against the package version; throws with what to fix. */
export function buildReleaseNotes(changelog: string, packageVersion: string, tag: string): string {
  if (!TAG.test(tag)) throw new Error(`The tag \`${tag}\` is not a release tag: releases are tagged vX.Y.Z, like v1.2.3.`);
  const version = tag.slice(1);
  if (version !== packageVersion)
    throw new Error(`The tag \`${tag}\` does not match package.json's version \`${packageVersion}\`: bump the version first.`);
  const lines = changelog.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`## [${version}]`));
  if (start === -1) throw new Error(`CHANGELOG.md has no \`## [${version}]\` section: move the Unreleased notes under it.`);
  const end = lines.findIndex((line, i) => i > start && line.startsWith('## '));
  const notes = lines
    .slice(start + 1, end === -1 ? undefined : end)
    .join('\n')
    .trim();
  if (!notes) throw new Error(`CHANGELOG.md's \`## [${version}]\` section is empty: say what changed.`);
  return `${notes}\n`;
}

const root = resolve(import.meta.dirname, '..');
if (process.argv[1] && resolve(process.argv[1]) === resolve(root, 'scripts/release-notes.ts')) {
  const tag = process.argv[2] ?? '';
  try {
    const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string };
    process.stdout.write(buildReleaseNotes(readFileSync(resolve(root, 'CHANGELOG.md'), 'utf8'), version, tag));
  } catch (error: unknown) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
