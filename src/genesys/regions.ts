// Genesys Cloud regions: the keys the Terraform provider and `GENESYSCLOUD_REGION` use, and the domains behind them.
// The API lives at `https://api.<domain>` and login at `https://login.<domain>`.
import { suggestClosest } from '../core/suggest.js';
import { GenesysApiError } from './api-error.js';
import { INPUT_NAMES, type SettingNames } from './contract.js';

export const DEFAULT_REGION = 'us-east-1';

/** Region key → domain, the same 18 entries as the SDKs and the Terraform provider. */
export const REGION_DOMAINS: Readonly<Record<string, string>> = {
  'us-east-1': 'mypurecloud.com',
  'us-east-2': 'use2.us-gov-pure.cloud',
  'us-west-2': 'usw2.pure.cloud',
  'ca-central-1': 'cac1.pure.cloud',
  'sa-east-1': 'sae1.pure.cloud',
  'mx-central-1': 'mxc1.pure.cloud',
  'eu-west-1': 'mypurecloud.ie',
  'eu-west-2': 'euw2.pure.cloud',
  'eu-central-1': 'mypurecloud.de',
  'eu-central-2': 'euc2.pure.cloud',
  'eusc-de-east-1': 'edee1.eusc-pure.cloud',
  'me-central-1': 'mec1.pure.cloud',
  'ap-south-1': 'aps1.pure.cloud',
  'ap-southeast-1': 'apse1.pure.cloud',
  'ap-southeast-2': 'mypurecloud.com.au',
  'ap-northeast-1': 'mypurecloud.jp',
  'ap-northeast-2': 'apne2.pure.cloud',
  'ap-northeast-3': 'apne3.pure.cloud',
};

const KNOWN_DOMAINS = new Set(Object.values(REGION_DOMAINS));

/** The domain of a region key (any case) or a domain (with or without `https://`, `api.` or `login.`); undefined if unknown. */
export function findRegionDomain(value: string | undefined): string | undefined {
  const raw = (value ?? '').trim();
  if (raw === '') return REGION_DOMAINS[DEFAULT_REGION];

  const byKey = REGION_DOMAINS[raw.toLowerCase().replace(/_/g, '-')];
  if (byKey !== undefined) return byKey;

  const domain = raw
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/\/+$/, '')
    .replace(/^(api|login|apps)\./, '');
  return KNOWN_DOMAINS.has(domain) ? domain : undefined;
}

/** What to say about a region nobody knows, with the closest key and every valid one. */
export function unknownRegionMessage(value: string, names: SettingNames = INPUT_NAMES): string {
  const raw = value.trim();
  const close = suggestClosest(raw, Object.keys(REGION_DOMAINS));
  return (
    `Unknown Genesys Cloud region \`${raw}\` (${names.region})${close ? `; did you mean \`${close}\`?` : '.'} ` +
    `Use one of: ${Object.keys(REGION_DOMAINS).join(', ')}; or a domain such as \`mypurecloud.ie\`; ` +
    `or set ${names.apiUrl} for a gateway.`
  );
}

/** Resolves a region to its domain; an unknown one was refused before connecting (`requireCredentials`). */
export function resolveRegionDomain(value: string | undefined): string {
  const domain = findRegionDomain(value);
  if (domain === undefined) throw new GenesysApiError({ message: unknownRegionMessage(value ?? '') });
  return domain;
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost') || hostname === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}

/** Why `apiUrl` cannot be a base URL for Genesys, or undefined when it can. */
export function problemWithApiUrl(apiUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(apiUrl.trim());
  } catch {
    return '`genesys-api-url` (env `GENESYSCLOUD_API_URL`) must be an absolute URL such as `https://api.mypurecloud.ie`.';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return '`genesys-api-url` (env `GENESYSCLOUD_API_URL`) must start with `https://` or `http://`.';
  }
  // Login sends the client id and secret as a Basic header: over plain HTTP anyone on the path reads them.
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    return (
      `\`genesys-api-url\` (env \`GENESYSCLOUD_API_URL\`) uses \`http://\` to ${url.hostname}, which would ` +
      'send the client secret and every access token in clear text: use `https://`. Plain `http://` ' +
      'is allowed only to this machine (`localhost`, `127.0.0.1`, `[::1]`), as for the emulator.'
    );
  }
  return undefined;
}
