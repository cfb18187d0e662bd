// POST /oauth/token: the client-credentials grant, answering in OAuth's own error format (not an ErrorBody).
import type { IncomingHttpHeaders } from 'node:http';
import type { OrgState } from './org-state.js';
import { json, type Reply } from './reply.js';

function oauthError(status: number, error: string, description: string): Reply {
  return json(status, { error, description, error_description: description });
}

function readBasicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  // The SDKs encode id:secret as ISO-8859-1 bytes.
  const decoded = Buffer.from(match[1], 'base64').toString('latin1');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

export function handleLogin(headers: IncomingHttpHeaders, bodyText: string, org: OrgState): Reply {
  const form = new URLSearchParams(bodyText);
  const grantType = form.get('grant_type');
  const basic = readBasicCredentials(headers.authorization);
  const formId = form.get('client_id');
  const formSecret = form.get('client_secret');
  const credentials = basic ?? (formId !== null && formSecret !== null ? { id: formId, secret: formSecret } : undefined);
  if (!credentials) return oauthError(401, 'invalid_client', 'authentication failed');
  if (grantType !== 'client_credentials') {
    return oauthError(400, 'unsupported_grant_type', `grant type ${JSON.stringify(grantType ?? '')} is not supported by this emulator`);
  }
  const issued = org.login(credentials.id, credentials.secret);
  if (!issued) return oauthError(401, 'invalid_client', 'authentication failed');
  return json(200, { access_token: issued.token, token_type: 'bearer', expires_in: issued.expiresIn });
}
