import { describe, expect, it } from 'vitest';
import { REGION_DOMAINS, resolveRegionDomain } from '../../src/genesys/regions.js';

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
