// The org `npm start`, `npm run emulator` and the end-to-end tests begin with; it differs from examples/ in the ways
// people meet: `agent-dashboard` is declared but was changed in the admin UI, `sso-bridge` is declared and up to
// date, and nobody declared `legacy-ivr-lookup` (unmanaged: reported, left alone unless `prune` is on; old enough to be
// listed as unused).
// It lives in examples/emulator/org.json, the seed-file example of the README's "Try it locally".
import org from '../examples/emulator/org.json' with { type: 'json' };
import type { SeedClient } from './types.js';

export const DEMO_ORG: SeedClient[] = org.clients;
