import { describe, expect, it } from 'vitest';
import { findRegionDomain, problemWithApiUrl, REGION_DOMAINS, resolveRegionDomain } from '../../src/genesys/regions.js';

describe('resolveRegionDomain', () => {
  it('knows the 18 Genesys Cloud regions', () => {
    expect(Object.keys(REGION_DOMAINS)).toHaveLength(18);
    expect(new Set(Object.values(REGION_DOMAINS)).size).toBe(18);
  });

  it.each([
    ['us-east-1', 'mypurecloud.com'],
    ['EU-WEST-1', 'mypurecloud.ie'],
    ['eu_central_1', 'mypurecloud.de'],
    ['ap-southeast-2', 'mypurecloud.com.au'],
    ['ap-northeast-1', 'mypurecloud.jp'],
    ['us-east-2', 'use2.us-gov-pure.cloud'],
    ['eusc-de-east-1', 'edee1.eusc-pure.cloud'],
    ['mx-central-1', 'mxc1.pure.cloud'],
    ['mypurecloud.ie', 'mypurecloud.ie'],
    ['api.mypurecloud.de', 'mypurecloud.de'],
    ['https://api.usw2.pure.cloud/', 'usw2.pure.cloud'],
    ['login.cac1.pure.cloud', 'cac1.pure.cloud'],
    ['  sa-east-1  ', 'sae1.pure.cloud'],
  ])('resolves %j to %s', (input, domain) => {
    expect(resolveRegionDomain(input)).toBe(domain);
  });

  it('defaults to us-east-1 when nothing is given', () => {
    expect(resolveRegionDomain(undefined)).toBe('mypurecloud.com');
    expect(resolveRegionDomain('')).toBe('mypurecloud.com');
  });

  it.each(['eu-west-9', 'example.com', 'mypurecloud'])('rejects %j with the list of valid keys', (input) => {
    expect(() => resolveRegionDomain(input)).toThrow(/Unknown Genesys Cloud region `.+`.*eu-west-1.*ap-northeast-3/s);
    expect(() => resolveRegionDomain(input)).toThrow(/GENESYSCLOUD_REGION/);
  });

  it('suggests the region a typo most likely meant', () => {
    expect(() => resolveRegionDomain('eu-wset-1')).toThrow('did you mean `eu-west-1`?');
  });
});

describe('findRegionDomain: the domain forms it accepts and the look-alikes it refuses', () => {
  it.each([
    ['http://mypurecloud.ie', 'mypurecloud.ie'],
    ['mypurecloud.ie//', 'mypurecloud.ie'],
    ['apps.mypurecloud.jp', 'mypurecloud.jp'],
  ])('reads %j as %s', (input, domain) => {
    expect(findRegionDomain(input)).toBe(domain);
  });

  it.each(['api.https://mypurecloud.ie', 'mypurecloud/.ie', 'mypurecloud.api.ie', 'ftp://mypurecloud.ie'])(
    'knows no region behind %j',
    (input) => {
      expect(findRegionDomain(input)).toBeUndefined();
    },
  );

  it('names the unknown region as typed, trimmed, with every valid key and both ways out', () => {
    expect(() => resolveRegionDomain('  eu-west-9  ')).toThrow(
      expect.objectContaining({
        name: 'GenesysApiError',
        message:
          'Unknown Genesys Cloud region `eu-west-9` (input `genesys-region` or env `GENESYSCLOUD_REGION`); did you mean ' +
          '`eu-west-1`? Use one of: us-east-1, us-east-2, us-west-2, ca-central-1, sa-east-1, mx-central-1, eu-west-1, ' +
          'eu-west-2, eu-central-1, eu-central-2, eusc-de-east-1, me-central-1, ap-south-1, ap-southeast-1, ap-southeast-2, ' +
          'ap-northeast-1, ap-northeast-2, ap-northeast-3; or a domain such as `mypurecloud.ie`; or set input ' +
          '`genesys-api-url` or env `GENESYSCLOUD_API_URL` for a gateway.',
      }),
    );
  });
});

describe('problemWithApiUrl: plain http only to this machine', () => {
  it.each([
    'http://localhost:8080',
    'http://app.localhost:3000/genesys',
    'http://[::1]:8080',
    'http://127.0.0.1:8080',
    'http://127.10.200.3',
    'https://gw.example.com',
    '\u00a0https://api.mypurecloud.ie\u00a0',
  ])('accepts %j', (url) => {
    expect(problemWithApiUrl(url)).toBeUndefined();
  });

  it.each([
    ['http://example.com:8080/x', 'example.com'],
    ['http://127.0.0.1.example.com', '127.0.0.1.example.com'],
    ['http://localhost.example.com', 'localhost.example.com'],
    ['http://10.0.0.1', '10.0.0.1'],
  ])('refuses %j, which would send the secret in clear text to %s', (url, host) => {
    expect(problemWithApiUrl(url)).toBe(
      `\`genesys-api-url\` (env \`GENESYSCLOUD_API_URL\`) uses \`http://\` to ${host}, which would send the client secret ` +
        'and every access token in clear text: use `https://`. Plain `http://` is allowed only to this machine ' +
        '(`localhost`, `127.0.0.1`, `[::1]`), as for the emulator.',
    );
  });

  it('refuses a URL that is not absolute, and one of another scheme', () => {
    expect(problemWithApiUrl('api.mypurecloud.ie')).toBe(
      '`genesys-api-url` (env `GENESYSCLOUD_API_URL`) must be an absolute URL such as `https://api.mypurecloud.ie`.',
    );
    expect(problemWithApiUrl('ftp://example.com')).toBe(
      '`genesys-api-url` (env `GENESYSCLOUD_API_URL`) must start with `https://` or `http://`.',
    );
  });
});
