// The secret's own operations: reset it (the only way to learn it again), and the integration credentials that hold
// it, listed in a constant number of requests (one listing, paged) and updated in place rather than duplicated.
import type platformClient from 'purecloud-platform-client-v2';
import type { ClientId } from '../core/types.js';
import type { SdkContext } from './sdk-context.js';
import { GenesysApiError } from './api-error.js';
import type { IntegrationCredentialInfo } from './contract.js';
import { OAUTH_CREDENTIAL_TYPE } from './write-org.js';

const CREDENTIAL_PAGE_SIZE = 100;
const MAX_CREDENTIAL_PAGES = 100;

/** `POST /api/v2/oauth/clients/{id}/secret`: the old secret stops working; the new one reaches `onSecret` first. */
export async function resetClientSecret(conn: SdkContext, id: ClientId, name: string): Promise<string> {
  const what = `resetting the secret of \`${name}\``;
  const client = await conn.writeSlot(() =>
    conn.call<platformClient.Models.OAuthClient>({ what, permission: 'oauth:client:edit' }, () => conn.oauth.postOauthClientSecret(id)),
  );
  conn.secrets.add(client?.secret);
  if (!client?.secret) {
    throw new GenesysApiError({
      message:
        `Genesys answered ${what} without a secret. Reset it in the ` +
        `Genesys admin UI (Admin > OAuth > ${name}) and deliver it by hand.`,
    });
  }
  return client.secret;
}

/** Every integration credential of type `pureCloudOAuthClient`: name, id and when it was last written. */
export async function listIntegrationCredentials(conn: SdkContext): Promise<IntegrationCredentialInfo[]> {
  const found: IntegrationCredentialInfo[] = [];
  for (let pageNumber = 1; pageNumber <= MAX_CREDENTIAL_PAGES; pageNumber += 1) {
    const page = await conn.call<platformClient.Models.CredentialInfoListing>(
      { what: `listing integration credentials (page ${pageNumber})`, permission: 'integrations:integration:view' },
      () => conn.integrations.getIntegrationsCredentials({ pageNumber, pageSize: CREDENTIAL_PAGE_SIZE }),
    );
    for (const credential of page?.entities ?? []) {
      if (!credential.id || !credential.name || credential.type?.name !== OAUTH_CREDENTIAL_TYPE) continue;
      const modified = credential.modifiedDate ?? credential.createdDate;
      found.push({ id: credential.id, name: credential.name, ...(modified ? { modifiedDate: String(modified) } : {}) });
    }
    if (pageNumber >= (page?.pageCount ?? 1)) break;
  }
  return found;
}

/** `PUT /api/v2/integrations/credentials/{id}` with the client's id and new secret. */
export async function updateIntegrationCredential(
  conn: SdkContext,
  credentialId: string,
  name: string,
  clientId: ClientId,
  secret: string,
): Promise<void> {
  const body: platformClient.Models.Credential = {
    name,
    type: { name: OAUTH_CREDENTIAL_TYPE },
    credentialFields: { clientId, clientSecret: secret },
  };
  await conn.writeSlot(() =>
    conn.call({ what: `updating the integration credential \`${name}\``, permission: 'integrations:integration:edit' }, () =>
      conn.integrations.putIntegrationsCredential(credentialId, { body }),
    ),
  );
}
