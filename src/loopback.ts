/**
 * Whether a host is this machine: loopback hosts may use plain http (a local simulator, a test server, a server only
 * this machine can reach); everything else must be https. Shared by the configuration and the HTTP transport's
 * Origin check, so both draw the line in the same place.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}
