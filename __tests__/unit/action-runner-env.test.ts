// What the runner says about the run: the event payload file and the GITHUB_* variables, read into one EventInfo.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { apiUrlOf, readEvent } from '../../src/action/runner-env.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function payloadFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'gos-event-'));
  dirs.push(dir);
  const path = join(dir, 'event.json');
  writeFileSync(path, text);
  return path;
}

describe('readEvent', () => {
  it('reads the payload and every variable the run is described by', () => {
    const path = payloadFile('{"number": 7}');
    expect(
      readEvent({
        GITHUB_EVENT_PATH: path,
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_SHA: 'abc',
        GITHUB_REF: 'refs/pull/7/merge',
        GITHUB_REPOSITORY: 'acme/config',
        GITHUB_SERVER_URL: 'https://github.example',
        GITHUB_RUN_ID: '42',
        GITHUB_RUN_NUMBER: '9',
        GITHUB_WORKFLOW: 'genesys',
      }),
    ).toEqual({
      name: 'pull_request',
      payload: { number: 7 },
      sha: 'abc',
      ref: 'refs/pull/7/merge',
      repository: { owner: 'acme', repo: 'config' },
      run: { url: 'https://github.example/acme/config/actions/runs/42', name: 'genesys #9' },
    });
  });

  it('falls back to an empty payload, the payload repository, github.com and the run id, without inventing a run', () => {
    expect(readEvent({})).toEqual({ name: '', payload: {}, sha: '', ref: '', repository: { owner: '', repo: '' }, run: undefined });
    const path = payloadFile('{"repository": {"full_name": "acme/from-payload"}}');
    expect(readEvent({ GITHUB_EVENT_PATH: path }).repository).toEqual({ owner: 'acme', repo: 'from-payload' });
    expect(readEvent({ GITHUB_REPOSITORY: 'acme/config', GITHUB_RUN_ID: '42' }).run).toEqual({
      url: 'https://github.com/acme/config/actions/runs/42',
      name: 'workflow #42',
    });
    expect(readEvent({ GITHUB_REPOSITORY: 'acme' }).repository).toEqual({ owner: 'acme', repo: '' });
    expect(readEvent({ GITHUB_RUN_ID: '42' }).run).toBeUndefined();
    expect(readEvent({ GITHUB_REPOSITORY: 'acme/config' }).run).toBeUndefined();
  });

  it('names the payload file it could not read, and why', () => {
    const path = payloadFile('{not json');
    expect(() => readEvent({ GITHUB_EVENT_PATH: path })).toThrow(new RegExp(`^Could not read the event payload at \`${path}\`: .*JSON`));
    expect(() => readEvent({ GITHUB_EVENT_PATH: join(tmpdir(), 'gos-no-such-event.json') })).toThrow(/ENOENT/);
  });
});

describe('apiUrlOf', () => {
  it('is GITHUB_API_URL, or github.com on a runner that sets none', () => {
    expect(apiUrlOf({ GITHUB_API_URL: 'https://ghe.example/api/v3' })).toBe('https://ghe.example/api/v3');
    expect(apiUrlOf({})).toBe('https://api.github.com');
  });
});
