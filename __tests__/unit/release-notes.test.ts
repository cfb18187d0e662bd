import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReleaseNotes } from '../../scripts/release-notes.js';

const root = resolve(import.meta.dirname, '../..');
const changelog = `# Changelog

## [Unreleased]

- Not yet.

## [1.2.3] - 2027-01-02

### Fixed

- The thing.

## [1.2.2] - 2026-12-01

- Older.
`;

describe('release notes', () => {
  it("are the tag's CHANGELOG.md section, without the heading or the next version", () => {
    expect(buildReleaseNotes(changelog, '1.2.3', 'v1.2.3')).toBe('### Fixed\n\n- The thing.\n');
    expect(buildReleaseNotes(changelog, '1.2.2', 'v1.2.2')).toBe('- Older.\n');
  });

  it.each([
    ['1.2.3', 'v1.2', /is not a release tag: releases are tagged vX.Y.Z/],
    ['1.2.3', 'v1.2.3-rc.1', /is not a release tag/],
    ['1.2.4', 'v1.2.3', /does not match package.json's version `1.2.4`: bump the version first/],
    ['9.9.9', 'v9.9.9', /has no `## \[9.9.9\]` section: move the Unreleased notes under it/],
  ])('refuse version %s tagged %s, saying what to fix', (version, tag, message) => {
    expect(() => buildReleaseNotes(changelog, version, tag)).toThrow(message);
  });

  it('refuse an empty section', () => {
    expect(() => buildReleaseNotes('## [2.0.0] - 2027-02-02\n\n## [1.0.0]\n- x\n', '2.0.0', 'v2.0.0')).toThrow(/section is empty/);
  });

  it("find this repository's current version in CHANGELOG.md, which keeps an Unreleased section on top", () => {
    const ours = readFileSync(join(root, 'CHANGELOG.md'), 'utf8');
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(ours).toMatch(/^## \[Unreleased\]$/m);
    expect(ours.indexOf('## [Unreleased]')).toBeLessThan(ours.indexOf(`## [${version}]`));
    expect(buildReleaseNotes(ours, version, `v${version}`)).toContain('### Added');
  });
});
