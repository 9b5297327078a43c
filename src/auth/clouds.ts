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
 * Authority hosts MSAL recognises without instance discovery, each with the host MSAL then actually connects to (the
 * `preferred_network` of its built-in instance metadata, @azure/msal-common's AuthorityMetadata: it rewrites the
 * authority to that host before any request). For any other host MSAL would first ask login.microsoftonline.com to
 * vouch for it, which fails for private and test authorities, so such hosts get `disableInstanceDiscovery`.
 */
const KNOWN_AUTHORITY_HOSTS: ReadonlyMap<string, string> = new Map([
  ['login.microsoftonline.com', 'login.microsoftonline.com'],
  ['login.microsoft.com', 'login.microsoftonline.com'],
  ['login.windows.net', 'login.microsoftonline.com'],
  ['sts.windows.net', 'login.microsoftonline.com'],
  ['login.microsoftonline.us', 'login.microsoftonline.us'],
  // China's documented authority is an alias: sign-in traffic goes to login.partner.microsoftonline.cn.
  ['login.chinacloudapi.cn', 'login.partner.microsoftonline.cn'],
  ['login.partner.microsoftonline.cn', 'login.partner.microsoftonline.cn'],
]);

export function isKnownAuthorityHost(authorityHost: string): boolean {
  return msalNetworkHost(authorityHost) !== undefined;
}

function msalNetworkHost(authorityHost: string): string | undefined {
  try {
    return KNOWN_AUTHORITY_HOSTS.get(new URL(authorityHost).hostname.toLowerCase());
  } catch {
    return undefined;
  }
}

/** The clouds whose Entra ID this authority host is (US Gov and DoD share one); none for a host MSAL does not know. */
export function cloudsServedBy(authorityHost: string): CloudName[] {
  const networkHost = msalNetworkHost(authorityHost);
  if (networkHost === undefined) return [];
  return CLOUD_NAMES.filter((name) => msalNetworkHost(CLOUDS[name].authorityHost) === networkHost);
}

/**
 * The authority for messages: its URL and, where MSAL connects to another host, that host too, since that is the one
 * a firewall or proxy must let through.
 */
export function describeAuthority(authorityHost: string): string {
  const networkHost = msalNetworkHost(authorityHost);
  if (!networkHost || networkHost === new URL(authorityHost).hostname.toLowerCase()) return authorityHost;
  return `${authorityHost}, which MSAL reaches at https://${networkHost}`;
}
