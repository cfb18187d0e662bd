// The org `npm start` and the end-to-end tests begin with: it differs from examples/ in the ways people meet.
import type { SeedClient } from './types.js';

export const DEMO_ORG: SeedClient[] = [
  // Declared in the repository, but someone changed it in the admin UI.
  {
    name: 'agent-dashboard',
    description: 'Wallboard SPA for team leads.',
    authorizedGrantType: 'TOKEN',
    registeredRedirectUri: ['https://dashboard.example.com/'],
    scope: ['analytics:readonly', 'presence:readonly', 'routing:readonly', 'users'],
  },
  // Declared and up to date.
  {
    name: 'sso-bridge',
    description: 'Intranet widgets signed in through the corporate IdP.',
    authorizedGrantType: 'SAML2-BEARER',
    accessTokenValiditySeconds: 1800,
    scope: ['conversations:readonly', 'users:readonly'],
  },
  // Nobody declared it: reported as unmanaged, left alone unless `prune` is on; old enough to be listed as unused.
  {
    name: 'legacy-ivr-lookup',
    description: 'Made by hand in 2019.',
    dateCreated: '2019-03-14T10:00:00.000Z',
    authorizedGrantType: 'CLIENT-CREDENTIALS',
    roleDivisions: [{ roleId: 'role-employee', divisionId: 'div-home' }],
  },
];
