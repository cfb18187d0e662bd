import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Each Octokit package stamps its name into the user agent once; two copies in the bundle would stamp it twice.
// dist-fresh.test.ts keeps dist/ equal to a fresh build, so counting in the committed bundle counts in the build.
const bundle = readFileSync(resolve(import.meta.dirname, '../../dist/index.js'), 'utf8');
const copies = (stamp: string): number => bundle.split(stamp).length - 1;

describe('the Action bundle', () => {
  it.each(['octokit-rest.js/', 'octokit-core.js/', 'octokit-request.js/', 'octokit-endpoint.js/', 'octokit-graphql.js/'])(
    'holds exactly one copy of %s: @octokit/rest and @actions/github share one @octokit/core',
    (stamp) => {
      expect(copies(stamp)).toBe(1);
    },
  );
});
