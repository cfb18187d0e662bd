// One client's collapsed section in the plan comment and the apply report: the order a reviewer reads clients in, what
// the summary line says, and where the secret goes (or did not go).
import { describe, expect, it } from 'vitest';
import type { ClientOutcome, PlanAction, SecretChannel, SecretDelivery } from '../../src/core/types.js';
import { describeChannels, isDeactivation, orderForReview, renderApiError, renderClientDetails } from '../../src/report/client-details.js';
import { aCreate, aDelete, aNoop, anUpdate, id, scalar } from '../helpers/report-builders.js';

type ChangingAction = Exclude<PlanAction, { kind: 'noop' }>;

const DELIVERY: SecretDelivery = {
  expose_client_secret: false,
  integration_credential_name: 'bot-cred',
  github_secret: { name: 'BOT_SECRET' },
};
const aReset = (client: string, delivery: SecretDelivery = DELIVERY): ChangingAction => ({
  kind: 'reset-secret',
  client,
  id: id(`id-${client}`),
  missing: ['github-secret', 'integration-credential'],
  delivery,
});
const error = { status: 403, message: 'Not allowed' };
const details = (summary: string, ...body: string[]) => `<details><summary>${summary}</summary>\n\n${body.join('\n\n')}\n\n</details>`;
const changing = (action: PlanAction) => action as ChangingAction;
const created = (secretDeliveredTo: SecretChannel[]): ClientOutcome => ({
  kind: 'created',
  client: 'web',
  id: id('new-id'),
  secretDeliveredTo,
});
const CREATE_DIFF = [
  '```diff',
  '+ name: "web"',
  '+ authorized_grant_type: CLIENT-CREDENTIALS',
  '+ description: "Deploys"',
  '+ access_token_validity_seconds: 86400 (24 h)',
  '+ state: active',
  '+ roles:',
  '+   - Developer (role-dev) in Home (div-home)',
  '```',
].join('\n');

describe('orderForReview', () => {
  it('puts deletes first, then deactivations, secret resets, other updates and creates, each by name', () => {
    const actions: PlanAction[] = [
      aCreate('b-new'),
      aCreate('c-new'),
      aCreate('a-new'),
      anUpdate('z-update', [scalar('description', 'a', 'b')]),
      anUpdate('y-update', [scalar('description', 'a', 'b')]),
      aNoop('unchanged'),
      aReset('x-reset'),
      aReset('w-reset'),
      anUpdate('v-paused', [scalar('state', 'active', 'inactive')]),
      aDelete('u-gone'),
      aDelete('t-gone'),
    ];
    expect(orderForReview(actions).map((action) => action.client)).toEqual([
      't-gone',
      'u-gone',
      'v-paused',
      'w-reset',
      'x-reset',
      'y-update',
      'z-update',
      'a-new',
      'b-new',
      'c-new',
    ]);
  });
});

describe('isDeactivation', () => {
  it.each([
    ['setting the state to inactive', [scalar('description', '', 'x'), scalar('state', 'active', 'inactive')], true],
    ['setting the state to active', [scalar('state', 'inactive', 'active')], false],
    ['setting another field to "inactive"', [scalar('description', '', 'inactive')], false],
  ])('is %s', (_, changes, expected) => {
    expect(isDeactivation(anUpdate('bot', changes))).toBe(expected);
  });
});

describe('renderApiError', () => {
  it('adds no status when Genesys gave none', () => {
    expect(renderApiError({ code: 'bad.request', message: 'Invalid scope' })).toBe('`bad.request`: Invalid scope');
  });
});

describe('describeChannels', () => {
  it.each<[string, SecretDelivery['github_secret'], string]>([
    ['one of this repository', { name: 'BOT_SECRET' }, 'the GitHub secret `BOT_SECRET` of this repository'],
    [
      'one of another repository, in an environment, with the client id in a variable',
      { name: 'BOT_SECRET', repository: 'acme/infra', environment: 'prod', client_id_variable: 'BOT_ID' },
      'the GitHub secret `BOT_SECRET` of `acme/infra` in environment `prod` (client id in the variable `BOT_ID`)',
    ],
    ['an unnamed one when the delivery gives none', undefined, 'a GitHub secret'],
  ])('names a GitHub secret: %s', (_, github_secret, said) => {
    expect(describeChannels(['github-secret'], { expose_client_secret: false, github_secret })).toBe(said);
  });

  it('names every channel, in the order given', () => {
    expect(describeChannels(['output', 'file', 'integration-credential'], { ...DELIVERY, directory_client_secret: 'out' })).toBe(
      'the `client-secrets` step output (masked), a file named after the client id in `out`, the integration credential `bot-cred`',
    );
  });
});

describe('renderClientDetails: a secret reset', () => {
  const reset = aReset('bot');
  const GITHUB = 'the GitHub secret `BOT_SECRET` of this repository';
  const CREDENTIAL = 'the integration credential `bot-cred`';

  it('says which channel holds no secret, where the new one goes, and that the old one stops working', () => {
    expect(renderClientDetails(reset)).toBe(
      details(
        '🔑 <b>reset secret</b> <code>bot</code> · github-secret, integration-credential hold no secret',
        [
          'id `id-bot`',
          `${GITHUB}, ${CREDENTIAL} hold no secret, and Genesys shows a secret only when it is reset: ` +
            `the secret will be reset and delivered to ${CREDENTIAL}, ${GITHUB}.`,
          '> [!WARNING]',
          '> The old secret stops working at once: anything still using it fails to get tokens until it reads the new one.',
        ].join('\n'),
      ),
    );
  });

  it('says where the reset secret went', () => {
    const outcome: ClientOutcome = {
      kind: 'secret-reset',
      client: 'bot',
      id: id('id-bot'),
      secretDeliveredTo: ['integration-credential', 'github-secret'],
    };
    expect(renderClientDetails(reset, outcome)).toBe(
      details('✅ <b>secret reset</b> <code>bot</code>', `id \`id-bot\`\nThe secret was reset and went to ${CREDENTIAL}, ${GITHUB}.`),
    );
  });

  it('warns of each channel the reset secret did not reach', () => {
    const outcome: ClientOutcome = {
      kind: 'secret-reset',
      client: 'bot',
      id: id('id-bot'),
      secretDeliveredTo: [],
      deliveryFailures: [
        { channel: 'github-secret', error },
        { channel: 'integration-credential', error: { message: 'gone' } },
      ],
    };
    expect(renderClientDetails(reset, outcome)).toBe(
      details(
        '⚠️ <b>secret reset, not delivered everywhere</b> <code>bot</code>',
        [
          'id `id-bot`',
          `⚠️ The new secret did not reach ${GITHUB}: Genesys 403: Not allowed`,
          `⚠️ The new secret did not reach ${CREDENTIAL}: gone`,
        ].join('\n'),
      ),
    );
  });

  it('says only that the reset failed, and why, when it failed', () => {
    const outcome: ClientOutcome = { kind: 'failed', client: 'bot', action: 'reset-secret', id: id('id-bot'), error };
    expect(renderClientDetails(reset, outcome)).toBe(
      details('❌ <b>reset-secret failed</b> <code>bot</code>', '**Failed:** Genesys 403: Not allowed', 'id `id-bot`'),
    );
  });
});

describe('renderClientDetails: a create', () => {
  const create = (delivery: Partial<SecretDelivery> = {}) => changing(aCreate('web', { description: 'Deploys' }, delivery));

  it('says a secret nothing asks for is not kept', () => {
    expect(renderClientDetails(create())).toBe(
      details(
        '➕ <b>create</b> <code>web</code> · CLIENT-CREDENTIALS',
        CREATE_DIFF,
        'Genesys shows the new secret only once; nothing asks for it, so it will not be kept.',
      ),
    );
  });

  it('names every place the new secret will go', () => {
    expect(renderClientDetails(create({ expose_client_secret: true, integration_credential_name: 'web-cred' }))).toBe(
      details(
        '➕ <b>create</b> <code>web</code> · CLIENT-CREDENTIALS',
        CREATE_DIFF,
        'The new secret will go to the `client-secrets` step output (masked), the integration credential `web-cred`.',
      ),
    );
  });

  it.each([
    [
      'every place it went',
      ['output', 'integration-credential'] satisfies SecretChannel[],
      ' The secret went to the `client-secrets` step output (masked), the integration credential `web-cred`.',
    ],
    ['no place when it went nowhere', [] satisfies SecretChannel[], ''],
  ])('says the client was created, and %s', (_, to, went) => {
    const outcome = created(to);
    expect(renderClientDetails(create({ expose_client_secret: true, integration_credential_name: 'web-cred' }), outcome)).toBe(
      details('✅ <b>created</b> <code>web</code>', CREATE_DIFF, `Created with id \`new-id\`.${went.replace(' ', '\n')}`),
    );
  });

  it('says nothing of the secret when the create failed', () => {
    const outcome: ClientOutcome = { kind: 'failed', client: 'web', action: 'create', error };
    expect(renderClientDetails(create({ expose_client_secret: true }), outcome)).toBe(
      details('❌ <b>create failed</b> <code>web</code>', '**Failed:** Genesys 403: Not allowed', CREATE_DIFF),
    );
  });
});
