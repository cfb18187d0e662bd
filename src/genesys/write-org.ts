// Writes to the org, one client at a time, each bounded by the connection's write slots. Every body is the full
// client (PUT replaces), and a created client's secret reaches `onSecret` before anything else sees it.
import type platformClient from 'purecloud-platform-client-v2';
import type { ClientId, ClientSpec, LiveClient } from '../core/types.js';
import type { SdkContext } from './sdk-context.js';
import { GenesysApiError } from './api-error.js';
import type { CreatedClient } from './contract.js';
import { toClientRequest, toLiveClient, type ApiOAuthClient } from './mapping.js';

const NOT_FOUND = 404;
/** The credential type Genesys integrations use for an OAuth client's id and secret. */
export const OAUTH_CREDENTIAL_TYPE = 'pureCloudOAuthClient';

/** GET one client as the API returns it (a soft-deleted one included); undefined when it is gone (404). */
export async function readApiClient(conn: SdkContext, id: ClientId): Promise<ApiOAuthClient | undefined> {
  try {
    const client = await conn.call<ApiOAuthClient>({ what: `reading OAuth client \`${id}\``, permission: 'oauth:client:view' }, () =>
      conn.oauth.getOauthClient(id),
    );
    return client ?? undefined;
  } catch (error) {
    if (error instanceof GenesysApiError && error.status === NOT_FOUND) return undefined;
    throw error;
  }
}

/** Reads one client by id, normalised; undefined when it does not exist. */
export async function readClient(conn: SdkContext, id: ClientId): Promise<LiveClient | undefined> {
  const client = await readApiClient(conn, id);
  return client ? toLiveClient({ ...client, id: client.id ?? id }, conn.lookups) : undefined;
}

/** Creates a client (POST) and returns its id and its secret, which `onSecret` has already seen. */
export async function createClient(conn: SdkContext, spec: ClientSpec): Promise<CreatedClient> {
  const what = `creating \`${spec.name}\``;
  const created = await conn
    .writeSlot(() =>
      conn.call<ApiOAuthClient>({ what, permission: 'oauth:client:add' }, () => conn.oauth.postOauthClients(toClientRequest(spec))),
    )
    .catch((error: unknown) => {
      throw mayHaveLanded(error, spec.name);
    });
  conn.secrets.add(created?.secret);
  if (!created?.id || !created.secret) {
    const id = created?.id ? ` (id ${created.id})` : '';
    throw new GenesysApiError({
      message:
        `Genesys answered ${what}${id} without ${created?.id ? 'a secret' : 'an id'}. ` +
        'Check the client in the Genesys admin UI and regenerate its secret there if it exists.',
    });
  }
  return { id: created.id as ClientId, secret: created.secret };
}

/**
 * A create without an answer (timeout, dropped connection) is not retried, but may have landed all the same: say what
 * the next run does about it, and that the secret, shown only in the lost answer, is gone.
 */
function mayHaveLanded(error: unknown, name: string): unknown {
  if (!(error instanceof GenesysApiError) || error.status !== undefined) return error;
  return new GenesysApiError({
    ...error.summary(),
    message:
      `${error.message} The client may have been created all the same: the next run finds \`${name}\` by name and does not ` +
      'create it twice, but its secret was only in the lost answer: reset the secret in Genesys if you need it.',
  });
}

/** Replaces a client with the full spec (PUT). */
export async function updateClient(conn: SdkContext, id: ClientId, spec: ClientSpec): Promise<void> {
  await conn.writeSlot(() =>
    conn.call({ what: `updating \`${spec.name}\``, permission: 'oauth:client:edit' }, () =>
      conn.oauth.putOauthClient(id, toClientRequest(spec)),
    ),
  );
}

/** Deactivates the client unless it already is (the API requires it), then deletes it; gone already is fine. */
export async function deleteClient(conn: SdkContext, id: ClientId, current: ClientSpec): Promise<void> {
  await conn.writeSlot(async () => {
    if (current.state !== 'inactive') {
      const deactivated = await ignoreNotFound(() =>
        conn.call({ what: `deactivating \`${current.name}\` before deleting it`, permission: 'oauth:client:edit' }, () =>
          conn.oauth.putOauthClient(id, toClientRequest({ ...current, state: 'inactive' })),
        ),
      );
      if (!deactivated) return;
    }
    await ignoreNotFound(() =>
      conn.call({ what: `deleting \`${current.name}\``, permission: 'oauth:client:delete' }, () => conn.oauth.deleteOauthClient(id)),
    );
  });
}

/** Creates an integration credential of type `pureCloudOAuthClient` holding the client's id and secret. */
export async function createIntegrationCredential(conn: SdkContext, name: string, clientId: ClientId, secret: string): Promise<string> {
  const what = `creating the integration credential \`${name}\` for client \`${clientId}\``;
  const body: platformClient.Models.Credential = {
    name,
    type: { name: OAUTH_CREDENTIAL_TYPE },
    credentialFields: { clientId, clientSecret: secret },
  };
  const info = await conn.writeSlot(() =>
    conn.call<platformClient.Models.CredentialInfo>({ what, permission: 'integrations:integration:add' }, () =>
      conn.integrations.postIntegrationsCredentials({ body }),
    ),
  );
  if (!info?.id) throw new GenesysApiError({ message: `Genesys answered ${what} without a credential id.` });
  return info.id;
}

/** Runs a write; a 404 means the client is already gone, reported as `false`. */
async function ignoreNotFound(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (error instanceof GenesysApiError && error.status === NOT_FOUND) return false;
    throw error;
  }
}
