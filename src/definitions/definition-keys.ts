// The keys a definition file may use. The JSON Schema in schema/ lists the same keys; a unit test keeps them equal.

/** Attributes of one client, named as in the Terraform resource `genesyscloud_oauth_client`. */
export const CLIENT_KEYS = [
  'name',
  'description',
  'authorized_grant_type',
  'access_token_validity_seconds',
  'registered_redirect_uris',
  'scopes',
  'roles',
  'state',
  'id',
  'expose_client_secret',
  'directory_client_secret',
  'integration_credential_name',
  'github_secret',
  'secret_rotation_days',
] as const;
export type ClientKey = (typeof CLIENT_KEYS)[number];

/** Keys of one entry of `roles`. */
export const ROLE_KEYS = ['role_id', 'role', 'division_id', 'division'] as const;

/** Keys of `github_secret`. */
export const GITHUB_SECRET_KEYS = ['name', 'environment', 'repository', 'client_id_variable'] as const;

/** Keys a file may have at its top level besides a client's attributes. */
export const SCHEMA_KEY = '$schema';
export const CLIENTS_KEY = 'clients';
export const LIST_FILE_KEYS = [SCHEMA_KEY, CLIENTS_KEY] as const;

/** Attributes Terraform computes: users copy them from state or the API, but they cannot be declared. */
export const READ_ONLY_KEYS: ReadonlySet<string> = new Set([
  'client_id',
  'client_secret',
  'secret',
  'integration_credential_id',
  'dateCreated',
  'date_created',
]);

/** API (camelCase) names people paste from Genesys responses, mapped to the attribute they mean. */
export const API_NAME_ALIASES: Readonly<Record<string, string>> = {
  authorizedGrantType: 'authorized_grant_type',
  accessTokenValiditySeconds: 'access_token_validity_seconds',
  registeredRedirectUri: 'registered_redirect_uris',
  registeredRedirectUris: 'registered_redirect_uris',
  redirect_uris: 'registered_redirect_uris',
  redirectUris: 'registered_redirect_uris',
  scope: 'scopes',
  roleDivisions: 'roles',
  roleId: 'role_id',
  divisionId: 'division_id',
};
