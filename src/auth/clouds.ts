/**
 * The Microsoft clouds this server can talk to. A cloud fixes three things together: where Graph lives, where
 * Entra ID issues tokens, and the token scope. Tokens are minted for one cloud's Graph resource and are refused by
 * another's, so the scope always follows the cloud even when the Graph URL is overridden (a proxy, a test server).
 * Hosts: https://learn.microsoft.com/graph/deployments
 */
export type CloudName = 'global' | 'usgov' | 'usgov-dod' | 'china';

export interface Cloud {
  readonly name: CloudName;
  /** Graph base URL, version segment included. */
  readonly graphBaseUrl: string;
  /** Entra ID authority host. */
  readonly authorityHost: string;
  /** The `.default` scope of this cloud's Graph resource. */
  readonly graphScope: string;
}

function cloud(name: CloudName, graphHost: string, loginHost: string): Cloud {
  return {
    name,
    graphBaseUrl: `https://${graphHost}/beta`,
    authorityHost: `https://${loginHost}`,
    graphScope: `https://${graphHost}/.default`,
  };
}

export const CLOUDS: Readonly<Record<CloudName, Cloud>> = {
  global: cloud('global', 'graph.microsoft.com', 'login.microsoftonline.com'),
  usgov: cloud('usgov', 'graph.microsoft.us', 'login.microsoftonline.us'),
  'usgov-dod': cloud('usgov-dod', 'dod-graph.microsoft.us', 'login.microsoftonline.us'),
  china: cloud('china', 'microsoftgraph.chinacloudapi.cn', 'login.chinacloudapi.cn'),
};

export const CLOUD_NAMES = Object.keys(CLOUDS) as CloudName[];

/**
 * Authority hosts MSAL recognises without instance discovery. For any other host MSAL would first ask
 * login.microsoftonline.com to vouch for it, which fails for private and test authorities, so such hosts get
 * `disableInstanceDiscovery`.
 */
const KNOWN_AUTHORITY_HOSTS = new Set([
  'login.microsoftonline.com',
  'login.microsoftonline.us',
  'login.chinacloudapi.cn',
  'login.microsoft.com',
  'login.windows.net',
  'login.partner.microsoftonline.cn',
  'sts.windows.net',
]);

export function isKnownAuthorityHost(authorityHost: string): boolean {
  try {
    return KNOWN_AUTHORITY_HOSTS.has(new URL(authorityHost).hostname.toLowerCase());
  } catch {
    return false;
  }
}
