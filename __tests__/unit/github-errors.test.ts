import { describe, expect, it } from 'vitest';
import { GitHubError, toGitHubError, type FailedCall } from '../../src/github/errors.js';

const TOKEN = 'ghs_sentinelToken0123456789';
const CALL: FailedCall = { resource: 'issues', action: 'open an issue', token: TOKEN };

/** What Octokit throws for an answered request: the status, its own message, and GitHub's JSON and headers. */
const answered = (status: number, data: unknown, headers: Record<string, string> = {}, message = `HttpError ${status}`) => ({
  name: 'HttpError',
  status,
  message,
  response: { status, url: 'https://api.github.com/repos/acme/web/issues', headers, data },
});

const messageOf = (error: unknown, call: FailedCall = CALL) => toGitHubError(error, call).message;

describe('toGitHubError', () => {
  it('is a GitHubError named so, with the status and the resource it was about', () => {
    const error = toGitHubError(answered(404, { message: 'Not Found' }), { ...CALL, resource: 'pulls' });
    expect(error).toBeInstanceOf(GitHubError);
    expect(error.name).toBe('GitHubError');
    expect({ status: error.status, resource: error.resource }).toEqual({ status: 404, resource: 'pulls' });
  });

  it('passes a GitHubError through as it is, never wrapping its advice twice', () => {
    const first = new GitHubError('Could not do it. Advice.', { status: 403, resource: 'user' });
    expect(toGitHubError(first, CALL)).toBe(first);
  });

  it.each([
    [
      403,
      'Must have admin rights to Repository.',
      'Could not open an issue (GitHub 403: Must have admin rights to Repository.). Add `issues: write` under `permissions:` in the job.',
    ],
    [
      404,
      'Not Found',
      'Could not open an issue (GitHub 404: Not Found). Add `issues: write` under `permissions:` in the job. ' +
        '(GitHub answers 404 when the token may not see the resource.)',
    ],
    [
      403,
      'Resource not accessible by integration',
      'Could not open an issue (GitHub 403: Resource not accessible by integration). Add `issues: write` under `permissions:` in the job.' +
        ' On pull requests from forks the token stays read-only whatever `permissions:` says.',
    ],
    [
      422,
      'Validation Failed',
      'Could not open an issue (GitHub 422: Validation Failed). ' +
        'GitHub refused the content; this is a bug in genesys-oauth-sync, please report it.',
    ],
    [500, 'Server Error', 'Could not open an issue (GitHub 500: Server Error). GitHub had a server error: re-run the job.'],
    [409, 'Conflict', 'Could not open an issue (GitHub 409: Conflict). Re-run the job; if it keeps failing, please report it.'],
    [
      429,
      'Too Many Requests',
      'Could not open an issue (GitHub 429: Too Many Requests). ' +
        "GitHub's rate limit was reached: wait for it to reset, then re-run the job.",
    ],
  ])('turns a %i answering "%s" into exactly one piece of advice', (status, detail, expected) => {
    expect(messageOf(answered(status, { message: detail }))).toBe(expected);
  });

  it("reads a 403 with no requests left as GitHub's rate limit, whatever its message says", () => {
    expect(messageOf(answered(403, { message: 'Forbidden' }, { 'x-ratelimit-remaining': '0' }))).toBe(
      "Could not open an issue (GitHub 403: Forbidden). GitHub's rate limit was reached: wait for it to reset, then re-run the job.",
    );
    expect(messageOf(answered(403, { message: 'Forbidden' }, { 'x-ratelimit-remaining': '12' }))).toBe(
      'Could not open an issue (GitHub 403: Forbidden). Add `issues: write` under `permissions:` in the job.',
    );
  });

  it('does not take a server error for a rate limit because no requests are left', () => {
    expect(messageOf(answered(502, { message: 'Bad gateway' }, { 'x-ratelimit-remaining': '0' }))).toBe(
      'Could not open an issue (GitHub 502: Bad gateway). GitHub had a server error: re-run the job.',
    );
  });

  it("uses Octokit's own message when GitHub's answer has none, and only the status when neither says anything", () => {
    expect(messageOf(answered(500, '', {}, 'Internal Server Error'))).toBe(
      'Could not open an issue (GitHub 500: Internal Server Error). GitHub had a server error: re-run the job.',
    );
    expect(messageOf({ status: 500, message: 'Internal Server Error', response: { headers: {} } })).toBe(
      'Could not open an issue (GitHub 500: Internal Server Error). GitHub had a server error: re-run the job.',
    );
    expect(messageOf(answered(500, { message: '' }, {}, ''))).toBe(
      'Could not open an issue (GitHub 500). GitHub had a server error: re-run the job.',
    );
  });

  it('reports a request that got no answer as unreachable, whatever status Octokit made up', () => {
    const network =
      'Could not open an issue (GitHub could not be reached: fetch failed). Check the network and `GITHUB_API_URL`, then re-run the job.';
    expect(messageOf({ name: 'HttpError', status: 500, message: 'fetch failed' })).toBe(network);
    const error = toGitHubError({ status: 500, message: 'fetch failed' }, CALL);
    expect(error.status).toBeUndefined();
  });

  it('describes whatever else was thrown by its text', () => {
    expect(messageOf(null)).toBe(
      'Could not open an issue (GitHub could not be reached: null). Check the network and `GITHUB_API_URL`, then re-run the job.',
    );
    expect(messageOf('socket hang up')).toBe(
      'Could not open an issue (GitHub could not be reached: socket hang up). Check the network and `GITHUB_API_URL`, then re-run the job.',
    );
    expect(messageOf({ message: 42, toString: () => 'connection reset' })).toBe(
      'Could not open an issue (GitHub could not be reached: connection reset). ' +
        'Check the network and `GITHUB_API_URL`, then re-run the job.',
    );
  });

  it('does not trust a status that is not a number', () => {
    expect(messageOf({ status: '403', message: 'weird', response: { headers: {}, data: { message: 'weird' } } })).toBe(
      'Could not open an issue (GitHub could not be reached: weird). Check the network and `GITHUB_API_URL`, then re-run the job.',
    );
  });

  it('removes the token wherever GitHub or Octokit echoed it', () => {
    expect(messageOf(answered(401, { message: `Bad credentials ${TOKEN}` }))).toBe(
      'Could not open an issue (GitHub 401: Bad credentials ***). ' +
        'The `github-token` input was rejected: check that it is set and still valid.',
    );
  });
});
