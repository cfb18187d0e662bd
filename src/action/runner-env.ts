// What the runner tells the Action about the run: the event payload file and the GITHUB_* variables.
import { readFileSync } from 'node:fs';
import type { Env } from '../core/types.js';
import type { EventInfo, EventPayload } from './event.js';

/** Reads the event the runner describes; a missing payload file is an empty payload (local runs). */
export function readEvent(env: Env): EventInfo {
  let payload: EventPayload = {};
  const path = env.GITHUB_EVENT_PATH;
  if (path) {
    try {
      payload = JSON.parse(readFileSync(path, 'utf8')) as EventPayload;
    } catch (error: unknown) {
      throw new Error(`Could not read the event payload at \`${path}\`: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const [owner = '', repo = ''] = (env.GITHUB_REPOSITORY ?? payload.repository?.full_name ?? '').split('/');
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
  const run =
    env.GITHUB_RUN_ID && env.GITHUB_REPOSITORY
      ? {
          url: `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`,
          name: `${env.GITHUB_WORKFLOW ?? 'workflow'} #${env.GITHUB_RUN_NUMBER ?? env.GITHUB_RUN_ID}`,
        }
      : undefined;
  return {
    name: env.GITHUB_EVENT_NAME ?? '',
    payload,
    sha: env.GITHUB_SHA ?? '',
    ref: env.GITHUB_REF ?? '',
    repository: { owner, repo },
    run,
  };
}

export function apiUrlOf(env: Env): string {
  return env.GITHUB_API_URL ?? 'https://api.github.com';
}
