/**
 * The cloud table: each cloud fixes Graph host, authority host and scope together, and only Microsoft's own
 * authority hosts keep MSAL's instance discovery.
 */
import { describe, expect, it } from 'vitest';
import { CLOUD_NAMES, CLOUDS, describeAuthority, isKnownAuthorityHost } from '../../src/auth/clouds.js';

describe('CLOUDS', () => {
  it.each([
    ['global', 'graph.microsoft.com', 'login.microsoftonline.com'],
    ['usgov', 'graph.microsoft.us', 'login.microsoftonline.us'],
    ['usgov-dod', 'dod-graph.microsoft.us', 'login.microsoftonline.us'],
    ['china', 'microsoftgraph.chinacloudapi.cn', 'login.chinacloudapi.cn'],
  ] as const)('%s: Graph %s, authority %s, scope of the same Graph', (name, graphHost, loginHost) => {
    expect(CLOUDS[name]).toEqual({
      name,
      graphBaseUrl: `https://${graphHost}/beta`,
      authorityHost: `https://${loginHost}`,
      graphScope: `https://${graphHost}/.default`,
    });
  });

  it('lists exactly the four clouds, global first (the default)', () => {
    expect(CLOUD_NAMES).toEqual(['global', 'usgov', 'usgov-dod', 'china']);
  });
});

describe('isKnownAuthorityHost', () => {
  it.each(Object.values(CLOUDS).map((cloud) => cloud.authorityHost))("every cloud's own authority: %s", (host) => {
    expect(isKnownAuthorityHost(host)).toBe(true);
  });

  it.each(['https://login.microsoft.com', 'https://LOGIN.MicrosoftOnline.com/', 'https://login.windows.net/common'])(
    'Microsoft aliases, any case or path: %s',
    (host) => expect(isKnownAuthorityHost(host)).toBe(true),
  );

  it.each([
    'https://127.0.0.1:8443',
    'https://localhost',
    'https://login.contoso.com',
    'https://login.microsoftonline.com.evil.example',
    'https://contoso.b2clogin.com',
    'not a url',
  ])('anything else gets instance discovery disabled: %s', (host) => {
    expect(isKnownAuthorityHost(host)).toBe(false);
  });
});

describe('describeAuthority: the hosts a firewall must let through', () => {
  it("China's authority is an alias in MSAL's instance metadata: it connects to login.partner.microsoftonline.cn", () => {
    expect(describeAuthority(CLOUDS.china.authorityHost)).toBe(
      'https://login.chinacloudapi.cn, which MSAL reaches at https://login.partner.microsoftonline.cn',
    );
  });

  it.each(['https://login.microsoftonline.com', 'https://login.microsoftonline.us', 'https://127.0.0.1:8443'])(
    'a host MSAL connects to as it is: %s',
    (host) => expect(describeAuthority(host)).toBe(host),
  );
});
