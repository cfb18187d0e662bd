// `npm run emulator [-- --seed org.json]`: an emulated org on PORT (default 8080) for trying the CLI by hand.
// Everything it holds lives in memory: stopping it forgets every change.
import { parseArgs } from 'node:util';
import { DEFAULT_DIVISIONS, DEFAULT_ROLES } from './defaults.js';
import { readSeedFile } from './seed-file.js';
import { generateClients } from './seed.js';
import { startEmulator } from './server.js';
import type { SeedClient } from './types.js';

const { values } = parseArgs({ options: { seed: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
if (values.help) {
  console.log('Usage: npm run emulator [-- --seed clients.json]   (PORT=8080 by default)');
  process.exit(0);
}
const port = Number(process.env.PORT ?? 8080);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`PORT must be a port number, not ${JSON.stringify(process.env.PORT)}.`);
  process.exit(2);
}
// Without a seed file: a small hand-made org and eight generated clients, so a plan shows some of everything.
let clients: SeedClient[] = [
  {
    name: 'ci-deployer',
    authorizedGrantType: 'CLIENT-CREDENTIALS',
    description: 'Deploys flows from CI',
    roleDivisions: [{ roleId: 'role-developer', divisionId: 'div-home' }],
  },
  {
    name: 'web-portal',
    authorizedGrantType: 'CODE',
    registeredRedirectUri: ['https://portal.example.com/callback'],
    scope: ['users:readonly'],
  },
  ...generateClients(8, { seed: 7, namePrefix: 'seeded-' }),
];
try {
  if (values.seed !== undefined) clients = readSeedFile(values.seed);
} catch (error: unknown) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
}

const emulator = await startEmulator({ port, clients });
const from = values.seed === undefined ? 'its built-in org (`--seed <file>` for your own)' : values.seed;
// The first line's form is read by the self-test workflow: keep "listening on <url>. ".
console.log(`Genesys Cloud emulator listening on ${emulator.url}. Seeded from ${from}, it holds:`);
for (const client of emulator.listClients()) console.log(`  ${client.name} (${client.authorizedGrantType}, ${client.state})`);
console.log(`Roles: ${DEFAULT_ROLES.map((role) => role.name).join(', ')}. Divisions: ${DEFAULT_DIVISIONS.map((d) => d.name).join(', ')}.`);
console.log('Its state lives in memory: restart it to start over.\n');
// These are the emulator's built-in test credentials, not a real secret.
console.log('In another terminal, paste:\n');
console.log(`  export GENESYSCLOUD_API_URL=${emulator.url}`);
console.log(`  export GENESYSCLOUD_OAUTHCLIENT_ID=${emulator.credentials.clientId}`);
console.log(`  export GENESYSCLOUD_OAUTHCLIENT_SECRET=${emulator.credentials.clientSecret}`);
console.log('  npx genesys-oauth-sync plan --path examples/genesys/oauth-clients --var APP_BASE_URL=https://portal.example.com');
console.log('  npm run emulator:edit -- <client> description="changed in the admin UI"   # play the admin\n');
console.log('Press Ctrl+C to stop.');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void emulator.close().then(() => process.exit(0));
  });
}
