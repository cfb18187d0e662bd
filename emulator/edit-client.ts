// `npm run emulator:edit -- <client name> <attribute>=<value> …`: play the admin who changes a client in the Genesys
// UI. It goes through the emulator's own API, as the UI does, with the CLI's GENESYSCLOUD_* credentials.
// Example: npm run emulator:edit -- ci-deployer description="widened for the release" access_token_validity_seconds=7200
import { DEFAULT_CREDENTIALS } from './defaults.js';

const USAGE = `Usage: npm run emulator:edit -- <client name> <attribute>=<value> [...]

Attributes (Terraform names, as in the definitions):
  description=<text>                    access_token_validity_seconds=<seconds>
  state=active|inactive                 name=<new name>
  scopes=<a,b,…>                        registered_redirect_uris=<a,b,…>
  roles=<role[@division],…>             by name; @* for all divisions, no @ for the home division

It logs in as GENESYSCLOUD_OAUTHCLIENT_ID / GENESYSCLOUD_OAUTHCLIENT_SECRET at GENESYSCLOUD_API_URL
(default http://127.0.0.1:8080 with the emulator's built-in credentials), as the CLI does.`;

type ApiClient = Record<string, unknown> & { id: string; name: string };
type Named = { id: string; name: string; homeDivision?: boolean };

const FIELDS: Record<string, string> = {
  description: 'description',
  access_token_validity_seconds: 'accessTokenValiditySeconds',
  state: 'state',
  name: 'name',
  scopes: 'scope',
  registered_redirect_uris: 'registeredRedirectUri',
  roles: 'roleDivisions',
};

class UsageError extends Error {}

export interface EditTarget {
  apiUrl: string;
  clientId: string;
  clientSecret: string;
}

/** Applies `attribute=value` edits to the client named `name` through the API; returns the fields that changed. */
export async function editClientByName(target: EditTarget, name: string, edits: readonly string[]): Promise<string[]> {
  const url = new URL(target.apiUrl);
  if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost')
    throw new UsageError(`This edits the emulator only; ${url.origin} is not on this machine.`);
  const token = await login(target);
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(new URL(`/api/v2/${path}`, url), {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`The emulator answered ${method} /api/v2/${path} with ${response.status}: ${text}`);
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  };
  const list = (await call('GET', 'oauth/clients?pageSize=500')) as { entities: ApiClient[] };
  const matches = list.entities.filter((client) => client.name === name);
  if (matches.length !== 1)
    throw new UsageError(
      matches.length === 0
        ? `No client is named \`${name}\`. The emulator holds: ${list.entities.map((c) => c.name).join(', ')}.`
        : `${matches.length} clients are named \`${name}\`; this edit needs a unique name.`,
    );
  const client = { ...(matches[0] as ApiClient) };
  const changed: string[] = [];
  for (const edit of edits) {
    const equals = edit.indexOf('=');
    const attribute = equals < 0 ? edit : edit.slice(0, equals);
    const field = Object.hasOwn(FIELDS, attribute) ? FIELDS[attribute] : undefined;
    if (equals < 0 || field === undefined)
      throw new UsageError(`\`${edit}\` is not \`<attribute>=<value>\` with a known attribute.\n\n${USAGE}`);
    const value = edit.slice(equals + 1);
    client[field] = await parseValue(attribute, value, call);
    changed.push(attribute);
  }
  await call('PUT', `oauth/clients/${encodeURIComponent(client.id)}`, client);
  return changed;
}

async function parseValue(attribute: string, value: string, call: (method: string, path: string) => Promise<unknown>): Promise<unknown> {
  const list = value === '' ? [] : value.split(',').map((item) => item.trim());
  switch (attribute) {
    case 'access_token_validity_seconds': {
      const seconds = Number(value);
      if (!Number.isInteger(seconds))
        throw new UsageError(`access_token_validity_seconds must be a whole number of seconds, not \`${value}\`.`);
      return seconds;
    }
    case 'scopes':
    case 'registered_redirect_uris':
      return list;
    case 'roles': {
      const roles = ((await call('GET', 'authorization/roles?pageSize=500')) as { entities: Named[] }).entities;
      const divisions = ((await call('GET', 'authorization/divisions?pageSize=500')) as { entities: Named[] }).entities;
      const home = (await call('GET', 'authorization/divisions/home')) as Named;
      return list.map((item) => {
        const [roleName = '', divisionName] = item.split('@');
        const role = roles.find((r) => r.name === roleName);
        if (!role) throw new UsageError(`No role is named \`${roleName}\`. Roles: ${roles.map((r) => r.name).join(', ')}.`);
        if (divisionName === undefined) return { roleId: role.id, divisionId: home.id };
        if (divisionName === '*') return { roleId: role.id, divisionId: '*' };
        const division = divisions.find((d) => d.name === divisionName);
        if (!division)
          throw new UsageError(`No division is named \`${divisionName}\`. Divisions: ${divisions.map((d) => d.name).join(', ')}.`);
        return { roleId: role.id, divisionId: division.id };
      });
    }
    default:
      return value;
  }
}

async function login(target: EditTarget): Promise<string> {
  const response = await fetch(new URL('/oauth/token', target.apiUrl), {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${target.clientId}:${target.clientSecret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  if (!response.ok)
    throw new UsageError(`The emulator refused the login (${response.status}): check GENESYSCLOUD_OAUTHCLIENT_ID and _SECRET.`);
  return ((await response.json()) as { access_token: string }).access_token;
}

// `npm run emulator:edit -- …` runs this file directly.
if (process.argv[1] !== undefined && /edit-client\.ts$/.test(process.argv[1])) {
  const [name, ...edits] = process.argv.slice(2);
  if (name === undefined || name === '--help' || edits.length === 0) {
    console.log(USAGE);
    process.exit(name === '--help' ? 0 : 2);
  }
  try {
    const changed = await editClientByName(
      {
        apiUrl: process.env.GENESYSCLOUD_API_URL || 'http://127.0.0.1:8080',
        clientId: process.env.GENESYSCLOUD_OAUTHCLIENT_ID || DEFAULT_CREDENTIALS.clientId,
        clientSecret: process.env.GENESYSCLOUD_OAUTHCLIENT_SECRET || DEFAULT_CREDENTIALS.clientSecret,
      },
      name,
      edits,
    );
    console.log(`Changed ${changed.join(', ')} of \`${name}\`, as an admin would in the Genesys UI.`);
  } catch (error: unknown) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
}
