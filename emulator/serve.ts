// `npm run emulator`: an emulated org on PORT (default 8080) for trying the CLI by hand.
import { generateClients } from './seed.js';
import { startEmulator } from './server.js';

const port = Number(process.env.PORT ?? 8080);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`PORT must be a port number, not ${JSON.stringify(process.env.PORT)}.`);
  process.exit(2);
}

const emulator = await startEmulator({
  port,
  clients: [
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
  ],
});

// These are the emulator's built-in test credentials, not a real secret.
console.log(`Genesys Cloud emulator listening on ${emulator.url}. In another terminal, paste:\n`);
console.log(`  export GENESYSCLOUD_API_URL=${emulator.url}`);
console.log(`  export GENESYSCLOUD_OAUTHCLIENT_ID=${emulator.credentials.clientId}`);
console.log(`  export GENESYSCLOUD_OAUTHCLIENT_SECRET=${emulator.credentials.clientSecret}`);
console.log('  npx genesys-oauth-sync plan --path examples/genesys/oauth-clients --var APP_BASE_URL=https://portal.example.com\n');
console.log('Press Ctrl+C to stop.');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void emulator.close().then(() => process.exit(0));
  });
}
