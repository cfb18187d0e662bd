// The Genesys Cloud emulator for tests, the benchmark and `npm start`. Never bundled into the Action.
export { startEmulator } from './server.js';
export { createVirtualClock, type VirtualClock } from './clock.js';
export { DAY_MS, PROFILES, type Fidelity, type ProfileName } from './realism.js';
export { generateClients, type GenerateClientsOptions } from './seed.js';
export { DEFAULT_CREDENTIALS, DEFAULT_DIVISIONS, DEFAULT_ROLES, DEFAULT_SELF_NAME, DEFAULT_ORGANIZATION } from './defaults.js';
export type {
  EmulatedClient,
  EmulatedState,
  EmulatedUser,
  Emulator,
  EmulatorOptions,
  FaultRule,
  IntegrationCredentialRecord,
  RequestLogEntry,
  RoleDivision,
  SeedClient,
  UsageSeed,
} from './types.js';
export { DEFAULT_USERS } from './audit-state.js';
export { USAGE_PERMISSION, USERS_PERMISSION } from './routes-audit.js';
export { DEMO_ORG } from './demo-org.js';
