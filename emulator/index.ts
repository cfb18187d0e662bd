// The Genesys Cloud emulator for tests, the benchmark and `npm start`. Never bundled into the Action.
export { startEmulator } from './server.js';
export { generateClients, type GenerateClientsOptions } from './seed.js';
export { DEFAULT_CREDENTIALS, DEFAULT_DIVISIONS, DEFAULT_ROLES, DEFAULT_SELF_NAME, DEFAULT_ORGANIZATION } from './defaults.js';
export type {
  EmulatedClient,
  EmulatedState,
  Emulator,
  EmulatorOptions,
  FaultRule,
  IntegrationCredentialRecord,
  RequestLogEntry,
  RoleDivision,
  SeedClient,
} from './types.js';
export { DEMO_ORG } from './demo-org.js';
