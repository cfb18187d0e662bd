// What an emulated org holds when a test does not say otherwise.

export const DEFAULT_CREDENTIALS = { clientId: 'action-client-id', clientSecret: 'action-client-secret' } as const;

export const DEFAULT_SELF_NAME = 'genesys-oauth-sync';

export const DEFAULT_ORGANIZATION = { id: 'e0000000-0000-4000-8000-000000000001', name: 'Emulated Org' } as const;

export const DEFAULT_ROLES: readonly { id: string; name: string }[] = [
  { id: 'role-admin', name: 'admin' },
  { id: 'role-employee', name: 'employee' },
  { id: 'role-developer', name: 'Developer' },
  { id: 'role-reporting-viewer', name: 'Reporting Viewer' },
  { id: 'role-telephony-admin', name: 'Telephony Admin' },
  { id: 'role-scim', name: 'SCIM Integration' },
];

export const DEFAULT_DIVISIONS: readonly { id: string; name: string; home?: boolean }[] = [
  { id: 'div-home', name: 'Home', home: true },
  { id: 'div-sales', name: 'Sales' },
  { id: 'div-support', name: 'Support' },
];

export const GRANT_TYPES = ['CODE', 'TOKEN', 'SAML2-BEARER', 'PASSWORD', 'CLIENT-CREDENTIALS'] as const;
export const GRANT_TYPE_ALIASES: Readonly<Record<string, string>> = { SAML2BEARER: 'SAML2-BEARER' };

export const DEFAULT_VALIDITY_SECONDS = 86_400;
export const MIN_VALIDITY_SECONDS = 300;
export const NON_SCIM_MAX_VALIDITY_SECONDS = 172_800;
export const SCIM_MAX_VALIDITY_SECONDS = 38_880_000;

/** Roles page sizes above this are refused, like most Genesys list endpoints. */
export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 25;

/** What `tokens/me` reports as the scopes of a client-credentials token. */
export const CLIENT_CREDENTIALS_SCOPES = ['authorization', 'integrations', 'oauth', 'organization'] as const;

/** The real API treats a role as SCIM by its permissions; the emulator goes by name. */
export function isScimRoleName(name: string): boolean {
  return /scim/i.test(name);
}
