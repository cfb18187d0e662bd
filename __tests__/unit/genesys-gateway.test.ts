import { describe, expect, it } from 'vitest';
import { toGateway } from '../../src/genesys/connect.js';

// client.ts loads the SDK, which reads ~/.genesyscloudjavascript/config on load.

describe('toGateway', () => {
  it.each([
    ['http://127.0.0.1:8080', { host: '127.0.0.1', protocol: 'http', port: 8080 }],
    ['https://api.mypurecloud.ie', { host: 'api.mypurecloud.ie', protocol: 'https' }],
    ['https://gw.example.com//', { host: 'gw.example.com', protocol: 'https' }],
    [
      '\u00a0https://gw.example.com/genesys//\u00a0',
      { host: 'gw.example.com', protocol: 'https', path_params_api: '/genesys', path_params_login: '/genesys' },
    ],
    [
      'https://gw.example.com:8443/genesys/',
      { host: 'gw.example.com', protocol: 'https', port: 8443, path_params_api: '/genesys', path_params_login: '/genesys' },
    ],
  ])('turns %s into gateway settings for login and API alike', (url, gateway) => {
    expect(toGateway(url)).toEqual(gateway);
  });

  it.each(['127.0.0.1:8080', 'ftp://example.com', 'not a url'])('refuses %j, naming the input', (url) => {
    expect(() => toGateway(url)).toThrow(/`genesys-api-url` \(env `GENESYSCLOUD_API_URL`\)/);
  });
});
