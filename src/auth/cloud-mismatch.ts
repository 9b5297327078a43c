/**
 * Overrides that point at another Microsoft cloud than INTUNE_MCP_CLOUD. They are allowed (a proxy, a test server),
 * and the token scope always follows INTUNE_MCP_CLOUD; but a Graph URL or authority of a different Microsoft cloud is
 * almost always a slip, and it fails only at the first call, as a 401 or an AADSTS error that does not name the
 * setting. Said once at start-up instead.
 */
import { CLOUDS, type Cloud, type CloudName } from './clouds.js';

/** Microsoft's own Entra ID hosts, by the clouds they serve (US Gov and DoD share one). */
const LOGIN_HOSTS: Readonly<Record<string, readonly CloudName[]>> = {
  'login.microsoftonline.com': ['global'],
  'login.microsoft.com': ['global'],
  'login.windows.net': ['global'],
  'login.microsoftonline.us': ['usgov', 'usgov-dod'],
  'login.chinacloudapi.cn': ['china'],
  'login.partner.microsoftonline.cn': ['china'],
};

/** One sentence for each setting that belongs to another Microsoft cloud than `cloud`; none for other hosts. */
export function describeCloudMismatches(cloud: Cloud, graphBaseUrl: string, authorityHost: string): string[] {
  const found: string[] = [];
  const graphHost = hostOf(graphBaseUrl);
  const graphCloud = Object.values(CLOUDS).find((other) => hostOf(other.graphBaseUrl) === graphHost);
  if (graphCloud && graphCloud.name !== cloud.name) {
    found.push(
      `INTUNE_MCP_GRAPH_URL is the Graph of the ${graphCloud.name} cloud (${graphHost}), but INTUNE_MCP_CLOUD is ${cloud.name}: tokens are requested for ${cloud.graphScope}, which ${graphHost} refuses (HTTP 401). Set INTUNE_MCP_CLOUD=${graphCloud.name}, or remove INTUNE_MCP_GRAPH_URL.`,
    );
  }
  const loginHost = hostOf(authorityHost);
  const loginClouds = LOGIN_HOSTS[loginHost];
  if (loginClouds && !loginClouds.includes(cloud.name)) {
    found.push(
      `AZURE_AUTHORITY_HOST is the Entra ID of the ${loginClouds.join('/')} cloud (${loginHost}), but INTUNE_MCP_CLOUD is ${cloud.name}: the sign-in will fail (AADSTS90002 or AADSTS500011). Set INTUNE_MCP_CLOUD=${loginClouds[0]}, or remove AZURE_AUTHORITY_HOST.`,
    );
  }
  return found;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
}
