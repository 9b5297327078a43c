/**
 * Overrides that point at another Microsoft cloud than INTUNE_MCP_CLOUD. They are allowed (a proxy, a test server),
 * and the token scope always follows INTUNE_MCP_CLOUD; but a Graph URL or authority of a different Microsoft cloud is
 * almost always a slip, and it fails only at the first call, as a 401 or an AADSTS error that does not name the
 * setting. Said once at start-up instead.
 */
import { CLOUDS, type Cloud, cloudsServedBy } from './clouds.js';

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
  const loginClouds = cloudsServedBy(authorityHost);
  if (loginClouds.length > 0 && !loginClouds.includes(cloud.name)) {
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
