// Values from the org and the definitions are data in every channel (SPEC §1, STYLE.md): a name can neither issue a
// workflow command in the job log nor put live HTML, an image or an @mention in a comment.
import { afterEach, describe, expect, it } from 'vitest';
import type { SeedClient } from '../../emulator/index.js';
import { planAndMerge, pushMerge, writeDefinition } from '../helpers/e2e-apply.js';
import { DRIFTED_ORG, everythingVisible, startWorld, type World } from '../helpers/e2e-world.js';
import { foreignMarkup } from '../helpers/markdown-safety.js';
import { pullRequestEvent, pushEvent, type ActionRun } from '../helpers/run-action.js';

/** What @actions/core itself writes; anything else that the runner would read as a command was injected. */
const OWN_COMMANDS = new Set(['add-mask', 'debug', 'notice', 'warning', 'error', 'group', 'endgroup']);
const RUN_LINK = 'https://github.example/acme/genesys-config/actions/runs/';
/** Closes a hand-written code span, then opens one again: what is between would be live Markdown. */
const PAYLOAD = 'x` <img src=https://x.example/a.png> ![beacon](https://x.example/beacon.png) @acme/security-team `y';

let world: World;
afterEach(async () => {
  await world.close();
});

/** Every line of the log that the runner would take for a workflow command, except the ones core writes itself. */
function injectedCommands(run: ActionRun): string[] {
  return `${run.stdout}\n${run.stderr}`.split(/\r?\n|\r/).filter((line) => {
    if (line.includes('##[')) return true;
    const command = /^\s*::([^\s:]+)/.exec(line)?.[1]?.split(' ')[0];
    return command !== undefined && !OWN_COMMANDS.has(command);
  });
}

describe('a value cannot issue a workflow command in the job log', () => {
  it('logs the own client name as one line when it carries a newline and a command', async () => {
    world = await startWorld({ emulator: { selfName: 'genesys-oauth-sync\n::stop-commands::pwned ##[add-mask]x' } });

    const run = await world.run({ eventName: 'pull_request', payload: pullRequestEvent(7) });

    expect(run.code, run.stdout).toBe(0);
    expect(injectedCommands(run)).toEqual([]);
    expect(run.stdout).toContain('genesys-oauth-sync⏎::stop-commands::pwned ## [add-mask]x');
  });

  it('rejects a definition name with a control character at its file position, before any Genesys call', async () => {
    world = await startWorld();
    writeDefinition(
      world,
      'evil.yaml',
      'name: "ci\\n::error file=README.md::Approved by security, merge now"\n' +
        'authorized_grant_type: CLIENT-CREDENTIALS\nroles:\n  - role: employee\n',
    );

    const run = await world.run({ eventName: 'pull_request', payload: pullRequestEvent(7) });

    expect(run.code).not.toBe(0);
    expect(run.outputs['failure-reason']).toBe('validation-failed');
    expect(run.stdout).toMatch(
      /::error [^:]*file=genesys\/oauth-clients\/evil\.yaml,line=1,col=7::`name` must not contain control characters/,
    );
    expect(injectedCommands(run)).toEqual([]);
    expect(world.emulator.requests).toEqual([]);
  });

  it('logs the name of a pruned client as one line', async () => {
    const evil: SeedClient = {
      name: 'old-bot\n::error file=README.md::Approved by security, merge now',
      authorizedGrantType: 'CLIENT-CREDENTIALS',
      roleDivisions: [{ roleId: 'role-employee', divisionId: 'div-home' }],
    };
    world = await startWorld({ clients: [...DRIFTED_ORG, evil] });

    const run = await world.run({ eventName: 'push', payload: pushEvent(), inputs: { prune: 'true', 'auto-approve': 'true' } });

    expect(run.code, run.stdout).toBe(0);
    expect(world.emulator.listClients().some((client) => client.name === evil.name)).toBe(false);
    expect(injectedCommands(run)).toEqual([]);
    expect(run.stdout).not.toMatch(/^\s*::error file=README\.md/m);
    expect(run.stdout).toContain('Deleting `old-bot⏎::error file=README.md::Approved by security, merge now`.');
  });
});

describe('a value cannot put live markup in a report', () => {
  it('renders a plan whose pinned id, names and description carry HTML, images and mentions with none of them live', async () => {
    const hostile: SeedClient[] = [
      { name: '<img src=https://x.example/a.png> @acme/owners', authorizedGrantType: 'CLIENT-CREDENTIALS', roleDivisions: [] },
      {
        name: 'sso-bridge',
        description: '<script>alert(1)</script> ![x](https://x.example/b.png) @acme/admins',
        authorizedGrantType: 'SAML2-BEARER',
        scope: ['users:readonly'],
      },
    ];
    world = await startWorld({ clients: [...DRIFTED_ORG.filter((client) => client.name !== 'sso-bridge'), ...hostile] });
    writeDefinition(
      world,
      'pinned.yaml',
      `name: pinned\nid: '${PAYLOAD}'\nauthorized_grant_type: CLIENT-CREDENTIALS\nroles:\n  - role: employee\n`,
    );
    writeDefinition(
      world,
      'mention.yaml',
      'name: "@acme/security-team `x` <b>y</b>"\nauthorized_grant_type: CLIENT-CREDENTIALS\nroles:\n  - role: employee\n',
    );

    const run = await world.run({ eventName: 'pull_request', payload: pullRequestEvent(7) });

    const comment = world.github.comments(7)[0]?.body ?? '';
    expect(comment).toContain('beacon.png');
    for (const markdown of [comment, run.summary]) expect(foreignMarkup(markdown, [RUN_LINK])).toEqual([]);
  });

  it('renders a refusal that names a client created after review with none of its markup live', async () => {
    world = await startWorld();
    await planAndMerge(world, { prune: 'true' });
    world.emulator.seedClient({ name: `late ${PAYLOAD}`, authorizedGrantType: 'CLIENT-CREDENTIALS', roleDivisions: [] });

    const run = await pushMerge(world, { prune: 'true' });

    expect(run.outputs['failure-reason']).toBe('plan-changed');
    const comment = world.github.comments(7)[0]?.body ?? '';
    expect(comment).toContain('beacon.png');
    for (const markdown of [comment, run.summary]) expect(foreignMarkup(markdown, [RUN_LINK])).toEqual([]);
    for (const secret of world.sentinels()) expect(everythingVisible(world, run)).not.toContain(secret);
  });
});
