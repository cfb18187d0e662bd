// The shared vocabulary of genesys-oauth-sync. Everything here is plain, JSON-serialisable data.

declare const brand: unique symbol;
type Branded<T, B extends string> = T & { readonly [brand]: B };

export type ClientId = Branded<string, 'ClientId'>;
export type RoleId = Branded<string, 'RoleId'>;
export type DivisionId = Branded<string, 'DivisionId'>;

/** `"*"` grants a role in all divisions; the API stores and returns it literally. */
export const ALL_DIVISIONS = '*';
export type DivisionRef = DivisionId | typeof ALL_DIVISIONS;

export const GRANT_TYPES = ['CODE', 'TOKEN', 'SAML2-BEARER', 'PASSWORD', 'CLIENT-CREDENTIALS'] as const;
export type GrantType = (typeof GRANT_TYPES)[number];
/** Legacy spellings the API and the Terraform provider still accept. */
export const GRANT_TYPE_ALIASES: Readonly<Record<string, GrantType>> = { SAML2BEARER: 'SAML2-BEARER' };

export const DESIRED_STATES = ['active', 'inactive'] as const;
export type DesiredState = (typeof DESIRED_STATES)[number];
/**
 * `disabled` means disabled by Genesys support, `deleted` soft-deleted (on its way out), `unknown` a state the Action
 * does not know: none of them is ever touched.
 */
export type LiveState = DesiredState | 'disabled' | 'deleted' | 'unknown';

export const DEFAULT_TOKEN_VALIDITY_SECONDS = 86_400;
export const MIN_TOKEN_VALIDITY_SECONDS = 300;
export const MAX_TOKEN_VALIDITY_SECONDS = 38_880_000;
/** Above this the API accepts only SCIM (Identity Management) clients. */
export const NON_SCIM_MAX_TOKEN_VALIDITY_SECONDS = 172_800;

/** Where something sits in a definition file; `file` is relative to the repository root, line and column 1-based. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

/** A definition mistake, an ambiguous match or a grant the Action cannot make. Problems are data, reported together. */
export interface Problem {
  file?: string;
  line?: number;
  column?: number;
  /** The client's name, when the problem belongs to one. */
  client?: string;
  message: string;
}

/** A role grant as the user wrote it: by id or by name, in a division by id, by name, `"*"`, or (absent) the home one. */
export interface RoleGrantInput {
  role_id?: string;
  role?: string;
  division_id?: string;
  division?: string;
  position?: SourcePosition;
}

/** One client as the user declared it, validated, with defaults filled, role references not yet resolved. */
export interface Definition {
  name: string;
  authorized_grant_type: GrantType;
  description: string;
  access_token_validity_seconds: number;
  registered_redirect_uris: string[];
  scopes: string[];
  roles: RoleGrantInput[];
  state: DesiredState;
  id?: string;
  expose_client_secret: boolean;
  directory_client_secret?: string;
  integration_credential_name?: string;
  github_secret?: GitHubSecretTarget;
  /** Reset the secret when its lasting channels are older than this many days (SPEC §10). */
  secret_rotation_days?: number;
  /** Where the client's mapping starts; problems about the whole client point here. */
  source: SourcePosition;
  /** The `name:` value, and the `id:` value when pinned: where a reviewer looks for the client on a diff. */
  namePosition?: SourcePosition;
  idPosition?: SourcePosition;
}

/** A role grant resolved to ids. Names ride along for readable reports and never take part in comparisons. */
export interface RoleGrant {
  role_id: RoleId;
  division_id: DivisionRef;
  role_name?: string;
  division_name?: string;
}

/** The normalised, comparable shape of a client, desired or live (sets sorted and de-duplicated). */
export interface ClientSpec {
  name: string;
  description: string;
  authorized_grant_type: GrantType;
  access_token_validity_seconds: number;
  registered_redirect_uris: string[];
  scopes: string[];
  roles: RoleGrant[];
  state: DesiredState;
}

export type SpecField = keyof ClientSpec;

/** A client as it lives in the org. */
export interface LiveClient extends Omit<ClientSpec, 'state'> {
  id: ClientId;
  state: LiveState;
  dateCreated?: string;
  /** When and by whom (a user or an OAuth client id) it last changed; never compared, shown for drift. */
  dateModified?: string;
  modifiedBy?: string;
  /** Set while Genesys keeps a deleted client (older than 30 days) inactive before removing it. */
  dateToDelete?: string;
  /** A grant type or state the Action does not know, as the API spelled it: the client is left alone. */
  unrecognised?: { field: 'authorized_grant_type' | 'state'; value: string };
}

export interface NamedRole {
  id: RoleId;
  name: string;
}

export interface NamedDivision {
  id: DivisionId;
  name: string;
}

/** Who the Action is logged in as (`GET /api/v2/tokens/me`). */
export interface SelfIdentity {
  clientId: ClientId;
  clientName: string;
  grants: RoleGrant[];
  organizationId?: string;
  organizationName?: string;
}

/** Everything the plan needs from the org, read with a constant number of requests. */
export interface LiveOrg {
  clients: LiveClient[];
  roles: NamedRole[];
  divisions: NamedDivision[];
  homeDivision: NamedDivision;
  self: SelfIdentity;
}

/** A GitHub Actions secret that holds a client's secret (SPEC §10), in a repository or one of its environments. */
export interface GitHubSecretTarget {
  /** The secret's name; GitHub compares secret names case-insensitively. */
  name: string;
  environment?: string;
  /** `owner/name`; absent means the repository the Action runs in. */
  repository?: string;
  /** An Actions variable (same repository or environment) that gets the client id. */
  client_id_variable?: string;
}

/** How a client's secret is handed over (SPEC §1, §10). */
export interface SecretDelivery {
  expose_client_secret: boolean;
  directory_client_secret?: string;
  integration_credential_name?: string;
  github_secret?: GitHubSecretTarget;
}

export type FieldChange =
  | {
      kind: 'scalar';
      field: 'name' | 'description' | 'authorized_grant_type' | 'access_token_validity_seconds' | 'state';
      old: string | number;
      new: string | number;
    }
  | { kind: 'set'; field: 'registered_redirect_uris' | 'scopes'; added: string[]; removed: string[] }
  | { kind: 'roles'; field: 'roles'; added: RoleGrant[]; removed: RoleGrant[] };

/** Channels that keep the secret beyond the run: the plan reconciles them and rotation dates the secret by them. */
export type LastingChannel = 'integration-credential' | 'github-secret';

/** What the lasting channels hold, read before planning in a constant number of requests (SPEC §10). */
export interface SecretChannelState {
  /** The repository `github_secret.repository` defaults to (`owner/name`). */
  repository: string;
  /** `gitHubSecretKey` → `updated_at` of every secret listed in the scopes that were read. */
  githubSecrets: Record<string, string>;
  /** `gitHubScopeKey` of every scope whose secrets were listed; targets elsewhere are not reconciled. */
  githubScopesRead: string[];
  /** `pureCloudOAuthClient` credentials by name; absent when they were not read. */
  credentials?: Record<string, { id: string; modifiedDate?: string }>;
}

/** A managed client whose secret is older than its `secret_rotation_days`. */
export interface DueSecret {
  client: string;
  id: ClientId;
  rotationDays: number;
  /** When its lasting channels were written (the oldest of them). */
  writtenAt: string;
  ageDays: number;
}

export type PlanAction =
  | { kind: 'create'; client: string; desired: ClientSpec; delivery: SecretDelivery }
  /** A declared lasting channel holds no secret: reset it (the old one stops working) and deliver it everywhere declared. */
  | { kind: 'reset-secret'; client: string; id: ClientId; missing: LastingChannel[]; delivery: SecretDelivery }
  | { kind: 'update'; client: string; id: ClientId; created?: string; changes: FieldChange[]; desired: ClientSpec; current: ClientSpec }
  | { kind: 'delete'; client: string; id: ClientId; created?: string; current: ClientSpec }
  | { kind: 'noop'; client: string; id: ClientId };

export type PlanActionKind = PlanAction['kind'];

export interface UnmanagedClient {
  id: ClientId;
  name: string;
}

/** A live client the Action never matches, counts or writes (SPEC §2), listed apart in the report. */
export type LeftAloneClient =
  | { reason: 'awaiting-deletion'; id: ClientId; name: string; dateToDelete?: string }
  | { reason: 'unrecognised'; id: ClientId; name: string; field: 'authorized_grant_type' | 'state'; value: string };

export const PLAN_VERSION = 1;

/** The plan is plain JSON from the start; renderers read it, nothing converts it. */
export interface Plan {
  version: typeof PLAN_VERSION;
  label: string;
  actions: PlanAction[];
  unmanaged: UnmanagedClient[];
  /** Clients awaiting deletion, or with a grant type or state the Action does not know: never touched. */
  leftAlone?: LeftAloneClient[];
  /** Errors: any of these makes the plan unappliable (`failure-reason: plan-failed`). */
  problems: Problem[];
  /** Worth a reader's attention, never blocking (e.g. a token lifetime only SCIM clients may have). */
  warnings: Problem[];
  /** sha256 of the canonical, normalised change set (not of any rendered text). */
  hash: string;
  /** Secrets due for rotation (not part of the hash: they are a matter of time, not of review). */
  secretsDue?: DueSecret[];
}

export interface PlanOptions {
  label: string;
  prune: boolean;
  /** Name patterns with `*` wildcards; apply to undeclared live clients only. */
  ignore: string[];
  /** What the lasting secret channels hold; without it nothing is reconciled. */
  channels?: SecretChannelState;
  /** The time secrets are dated against; without it none is due. */
  now?: Date;
}

export type SecretChannel = 'output' | 'file' | LastingChannel;

/** The result of one client's write during apply. */
export type ClientOutcome =
  | {
      kind: 'created';
      client: string;
      id: ClientId;
      integrationCredentialId?: string;
      secretDeliveredTo: SecretChannel[];
      /** Channels asked for and not reached; the client exists either way, so a rerun must not create it again. */
      deliveryFailures?: { channel: SecretChannel; error: ApiErrorSummary }[];
    }
  | {
      kind: 'secret-reset';
      client: string;
      id: ClientId;
      secretDeliveredTo: SecretChannel[];
      deliveryFailures?: { channel: SecretChannel; error: ApiErrorSummary }[];
    }
  | { kind: 'updated'; client: string; id: ClientId }
  | { kind: 'deleted'; client: string; id: ClientId }
  | { kind: 'failed'; client: string; action: 'create' | 'update' | 'delete' | 'reset-secret'; id?: ClientId; error: ApiErrorSummary };

/** What a report shows of a Genesys failure: never a header, never a secret. */
export interface ApiErrorSummary {
  status?: number;
  code?: string;
  message: string;
  correlationId?: string;
}

export interface ApplyResult {
  outcomes: ClientOutcome[];
  /** Clients read back after applying that still differ from the definitions. */
  unconverged: string[];
  /** Set when the read-back itself failed; every written client is then listed as unconverged. */
  readBackError?: ApiErrorSummary;
  /** Clients this run created that another live client shares a name with right after: two applies raced. */
  duplicates?: DuplicateCreate[];
}

/** A client this run created (`id`) and the live clients of the same name beside it (`others`). */
export interface DuplicateCreate {
  client: string;
  id: ClientId;
  others: ClientId[];
}

export const FAILURE_REASONS = [
  'validation-failed',
  'auth-failed',
  'plan-failed',
  'not-reviewed',
  'not-latest',
  'plan-changed',
  'apply-failed',
  'rotation-failed',
  'drift-detected',
] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

/** Why a run failed, and what to do about it. */
export interface Failure {
  reason: FailureReason;
  message: string;
}

export const MODES = ['validate', 'plan', 'apply', 'check', 'rotate', 'export'] as const;
export type Mode = (typeof MODES)[number];
/** The modes that compute or apply a plan; `export` is the CLI's alone. */
export type RunMode = Exclude<Mode, 'export'>;

/** Environment variables, passed in as data (the process's, or a test's). */
export type Env = Readonly<Record<string, string | undefined>>;

/** An extra read of an audit (users, API usage): its answer, or why it is missing, which never fails the run. */
export type AuditLookup<T> =
  | { kind: 'read'; value: T }
  /** `permission` names what the Action's client lacks when Genesys answered 403. */
  | { kind: 'unavailable'; message: string; permission?: string };

/** API requests one client made on one UTC day (`date` is the day's start, ISO 8601). */
export interface UsageDay {
  clientId: ClientId;
  date: string;
  requests: number;
}
