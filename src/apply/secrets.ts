// A created client's secret is returned once, by the create call (reference/genesys-oauth.md §2.5). This hands it
// over to exactly the channels its definition asked for, and reports where it went, never what it was.
import { mkdir, open, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ClientId, ClientOutcome, SecretChannel, SecretDelivery } from '../core/types.js';
import type { GenesysConnection } from '../genesys/contract.js';
import { channelsOf } from '../core/secret-channels.js';
import { deliverToGitHubSecret, type GitHubSecretDelivery } from './deliver-github-secret.js';
import { summariseError } from './summarise-error.js';

/** A created client's secret, handed to the caller for the `client-secrets` output. */
export interface DeliveredSecret {
  client: string;
  clientId: ClientId;
  secret: string;
}

export type DeliveryFailure = NonNullable<Extract<ClientOutcome, { kind: 'created' }>['deliveryFailures']>[number];

export interface DeliveryReport {
  deliveredTo: SecretChannel[];
  integrationCredentialId?: string;
  /** Channels that were asked for and not reached; the client itself exists either way. */
  failures: DeliveryFailure[];
}

export interface DeliveryContext {
  org: Pick<GenesysConnection, 'createIntegrationCredential' | 'updateIntegrationCredential'>;
  /** The repository root; `directory_client_secret` is relative to it and must stay inside it. */
  workspace: string;
  onSecret(value: string): void;
  deliverSecret(delivered: DeliveredSecret): void;
  /** Writes GitHub secrets; absent without a `secrets-token`, and then that channel fails with what to do. */
  github?: GitHubSecretDelivery;
  /** Existing credentials by name: a credential is updated in place, never duplicated. */
  credentialIds?: Readonly<Record<string, string>>;
}

const NO_SECRETS_TOKEN =
  'No `secrets-token` is set, so the GitHub secret could not be written. Set the ' +
  '`secrets-token` input to a token with the repository permission `Secrets: Read and write`.';

const SECRET_FILE_MODE = 0o600;
// The folder exists only to hold secrets, so nobody but the runner's user needs to list it.
const SECRET_DIRECTORY_MODE = 0o700;

/** Masks the secret, then delivers it to each channel `delivery` asks for (new or reset secrets alike); never throws. */
export async function deliverClientSecret(
  created: DeliveredSecret,
  delivery: SecretDelivery,
  context: DeliveryContext,
): Promise<DeliveryReport> {
  const asked = channelsOf(delivery);
  try {
    context.onSecret(created.secret);
  } catch (error) {
    // An unmasked secret must not go anywhere it could be printed.
    const reason =
      `The secret of \`${created.client}\` could not be masked, so it was ` +
      `not delivered: ${summariseError(error, [created.secret]).message}`;
    return { deliveredTo: [], failures: asked.map((channel) => ({ channel, error: { message: reason } })) };
  }

  const report: DeliveryReport = { deliveredTo: [], failures: [] };
  for (const channel of asked) {
    try {
      if (channel === 'output') {
        context.deliverSecret({ ...created });
      } else if (channel === 'file') {
        await writeSecretFile(context.workspace, delivery.directory_client_secret ?? '', created);
      } else if (channel === 'integration-credential') {
        const name = delivery.integration_credential_name ?? '';
        const existing = context.credentialIds && Object.hasOwn(context.credentialIds, name) ? context.credentialIds[name] : undefined;
        if (existing === undefined) {
          report.integrationCredentialId = await context.org.createIntegrationCredential(name, created.clientId, created.secret);
        } else {
          await context.org.updateIntegrationCredential(existing, name, created.clientId, created.secret);
          report.integrationCredentialId = existing;
        }
      } else {
        if (!context.github) throw new Error(NO_SECRETS_TOKEN);
        await deliverToGitHubSecret(delivery.github_secret ?? { name: '' }, created.clientId, created.secret, context.github);
      }
      report.deliveredTo.push(channel);
    } catch (error) {
      report.failures.push({ channel, error: summariseError(error, [created.secret]) });
    }
  }
  return report;
}

/** Writes `<workspace>/<directory>/<client id>` holding only the secret, created with mode 0600. */
export async function writeSecretFile(workspace: string, directory: string, created: DeliveredSecret): Promise<string> {
  const root = path.resolve(workspace);
  const target = path.resolve(root, directory);
  const lost = `The secret of \`${created.client}\` (id ${created.clientId}) was not written; reset it in Genesys Cloud to get a new one.`;
  if (!isInside(root, target)) {
    throw new Error(
      `\`directory_client_secret\` \`${directory}\` resolves outside the workspace. ${lost} Use a folder inside the repository.`,
    );
  }
  if (created.clientId.length === 0 || path.basename(created.clientId) !== created.clientId || ['.', '..'].includes(created.clientId)) {
    throw new Error(`Client id \`${created.clientId}\` is not usable as a file name. ${lost}`);
  }
  // A symlinked folder inside the repository could still point elsewhere: compare real paths, before creating anything
  // (through the deepest folder that exists) and after.
  const realRoot = await realpath(root);
  const linksOutside = new Error(
    `\`directory_client_secret\` \`${directory}\` links outside the workspace. ${lost} Use a folder inside the repository.`,
  );
  if (!isInside(realRoot, await realpath(await deepestExisting(target)))) throw linksOutside;
  await mkdir(target, { recursive: true, mode: SECRET_DIRECTORY_MODE });
  if (!isInside(realRoot, await realpath(target))) throw linksOutside;
  const file = path.join(target, created.clientId);
  // `wx` sets the mode at creation and refuses an existing file or a planted symlink instead of writing through it.
  const handle = await open(file, 'wx', SECRET_FILE_MODE).catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new Error(`Could not create \`${path.relative(root, file)}\` (${code}). ${lost}`);
  });
  try {
    await handle.writeFile(created.secret, 'utf8');
  } finally {
    await handle.close();
  }
  return file;
}

async function deepestExisting(folder: string): Promise<string> {
  let current = folder;
  while (
    !(await stat(current).then(
      () => true,
      () => false,
    ))
  ) {
    const parent = path.dirname(current);
    if (parent === current) return current;
    current = parent;
  }
  return current;
}

function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}
