/**
 * loadConfig: the sign-in mode and cloud chosen from the environment, and the start-up failures that name the variable.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

const FILES = mkdtempSync(join(tmpdir(), 'intune-mcp-config-'));
afterAll(() => rmSync(FILES, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const path = join(FILES, name);
  writeFileSync(path, content);
  return path;
}

const PEM_TEXT =
  '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg==\n-----END PRIVATE KEY-----\n-----BEGIN CERTIFICATE-----\nMIIDazCCAlOg==\n-----END CERTIFICATE-----\n';
const PEM = file('app.pem', PEM_TEXT);

const APP = {
  AZURE_TENANT_ID: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  AZURE_CLIENT_ID: '3f0a8c1e-5b7d-4e2a-9c6f-1d8e7b4a2c90',
};

function configError(env: Record<string, string>, argv: string[] = []): string {
  try {
    loadConfig(env, argv);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected a ConfigError');
}

describe('INTUNE_MCP_AUTH', () => {
  it('defaults to DefaultAzureCredential when nothing is set', () => {
    expect(loadConfig({}, []).auth).toBe('default');
  });

  it('uses a static INTUNE_MCP_ACCESS_TOKEN when one is given and no mode is named', () => {
    const config = loadConfig({ INTUNE_MCP_ACCESS_TOKEN: 'eyJ0eXAi.static' }, []);
    expect(config.auth).toBe('token');
    expect(config.accessToken).toBe('eyJ0eXAi.static');
  });

  it('an explicit mode wins over a static token, ignoring case and spaces', () => {
    const env = { INTUNE_MCP_AUTH: ' Azure-CLI ', INTUNE_MCP_ACCESS_TOKEN: 'eyJ0eXAi.static' };
    expect(loadConfig(env, []).auth).toBe('azure-cli');
  });

  it.each([
    ['default', {}],
    ['client-secret', { ...APP, AZURE_CLIENT_SECRET: 's' }],
    ['client-certificate', { ...APP, AZURE_CLIENT_CERTIFICATE_PATH: PEM }],
    ['managed-identity', {}],
    ['workload-identity', { ...APP, AZURE_FEDERATED_TOKEN_FILE: '/var/run/secrets/token' }],
    ['azure-cli', {}],
    ['device-code', {}],
    ['interactive-browser', {}],
    ['token', { INTUNE_MCP_ACCESS_TOKEN: 'eyJ0eXAi.static' }],
  ])('%s with its variables', (mode, env) => {
    expect(loadConfig({ INTUNE_MCP_AUTH: mode, ...env }, []).auth).toBe(mode);
  });

  it.each([
    ['client-secret', { ...APP }, 'INTUNE_MCP_AUTH=client-secret needs AZURE_CLIENT_SECRET, which is not set.'],
    ['client-secret', { AZURE_CLIENT_SECRET: 's' }, 'needs AZURE_TENANT_ID, AZURE_CLIENT_ID, which are not set.'],
    ['client-certificate', { ...APP }, 'needs AZURE_CLIENT_CERTIFICATE_PATH'],
    [
      'workload-identity',
      { AZURE_TENANT_ID: APP.AZURE_TENANT_ID },
      'needs AZURE_CLIENT_ID, AZURE_FEDERATED_TOKEN_FILE',
    ],
    ['token', {}, 'needs INTUNE_MCP_ACCESS_TOKEN'],
  ])('%s without a required variable names it', (mode, env, message) => {
    expect(configError({ INTUNE_MCP_AUTH: mode, ...env })).toContain(message);
  });

  it.each([
    ['client-secret', { AZURE_CLIENT_SECRET: 's' }],
    ['client-certificate', { AZURE_CLIENT_CERTIFICATE_PATH: PEM }],
    ['workload-identity', { AZURE_FEDERATED_TOKEN_FILE: '/var/run/secrets/token' }],
  ])(
    '%s (app-only) refuses a tenant-less AZURE_TENANT_ID (common, organizations, consumers); others keep it',
    (mode, env) => {
      for (const tenant of ['common', 'Organizations', 'consumers']) {
        const error = configError({ INTUNE_MCP_AUTH: mode, ...APP, ...env, AZURE_TENANT_ID: tenant });
        expect(error).toMatch(
          new RegExp(
            `^AZURE_TENANT_ID must name one tenant, by its id or a domain .*INTUNE_MCP_AUTH=${mode}, not "${tenant}"`,
          ),
        );
      }
      const domain = { INTUNE_MCP_AUTH: mode, ...APP, ...env, AZURE_TENANT_ID: 'contoso.onmicrosoft.com' };
      expect(loadConfig(domain, []).auth).toBe(mode);
      // Delegated sign-in may use a tenant-less authority; a managed identity never reads AZURE_TENANT_ID.
      for (const other of ['device-code', 'interactive-browser', 'azure-cli', 'managed-identity']) {
        expect(loadConfig({ INTUNE_MCP_AUTH: other, AZURE_TENANT_ID: 'organizations' }, []).auth).toBe(other);
      }
    },
  );

  it('an empty or blank variable counts as missing', () => {
    expect(configError({ INTUNE_MCP_AUTH: 'client-secret', ...APP, AZURE_CLIENT_SECRET: '  ' })).toContain(
      'AZURE_CLIENT_SECRET',
    );
  });

  it('an unknown mode lists the valid ones', () => {
    expect(configError({ INTUNE_MCP_AUTH: 'password' })).toBe(
      'INTUNE_MCP_AUTH must be one of default, client-secret, client-certificate, managed-identity, workload-identity, azure-cli, device-code, interactive-browser, token; got "password".',
    );
  });

  it('simulate mode needs no credentials', () => {
    expect(loadConfig({ INTUNE_MCP_AUTH: 'client-secret' }, ['--simulate']).simulate).toBe(true);
  });
});

describe('INTUNE_MCP_CLOUD', () => {
  it('defaults to the global cloud', () => {
    const config = loadConfig({}, []);
    expect(config.cloud.name).toBe('global');
    expect(config.graphBaseUrl).toBe('https://graph.microsoft.com/beta');
    expect(config.authorityHost).toBe('https://login.microsoftonline.com');
    expect(config.cloud.graphScope).toBe('https://graph.microsoft.com/.default');
  });

  it.each([
    [
      'usgov',
      'https://graph.microsoft.us/beta',
      'https://login.microsoftonline.us',
      'https://graph.microsoft.us/.default',
    ],
    [
      'usgov-dod',
      'https://dod-graph.microsoft.us/beta',
      'https://login.microsoftonline.us',
      'https://dod-graph.microsoft.us/.default',
    ],
    [
      'China',
      'https://microsoftgraph.chinacloudapi.cn/beta',
      'https://login.chinacloudapi.cn',
      'https://microsoftgraph.chinacloudapi.cn/.default',
    ],
  ])('%s sets Graph, authority and scope together', (cloud, graph, authority, scope) => {
    const config = loadConfig({ INTUNE_MCP_CLOUD: cloud }, []);
    expect(config.graphBaseUrl).toBe(graph);
    expect(config.authorityHost).toBe(authority);
    expect(config.cloud.graphScope).toBe(scope);
  });

  it("INTUNE_MCP_GRAPH_URL and AZURE_AUTHORITY_HOST move the requests; the scope stays the cloud's", () => {
    const config = loadConfig(
      {
        INTUNE_MCP_CLOUD: 'usgov',
        INTUNE_MCP_GRAPH_URL: 'https://graph-proxy.contoso.example/beta/',
        AZURE_AUTHORITY_HOST: 'https://login.contoso.example/',
      },
      [],
    );
    expect(config.graphBaseUrl).toBe('https://graph-proxy.contoso.example/beta');
    expect(config.authorityHost).toBe('https://login.contoso.example');
    expect(config.cloud.graphScope).toBe('https://graph.microsoft.us/.default');
  });

  it.each([
    ['https://graph.microsoft.com/v1.0', 'https://graph.microsoft.com/beta'],
    ['https://graph-proxy.contoso.example/graph/V1.0/', 'https://graph-proxy.contoso.example/graph/beta'],
  ])(
    'INTUNE_MCP_GRAPH_URL on v1.0 is refused, pointing to beta; a gateway naming no version is not: %s',
    (url, beta) => {
      expect(configError({ INTUNE_MCP_GRAPH_URL: url })).toBe(
        `INTUNE_MCP_GRAPH_URL ends in /v1.0, but the enrollment profiles this server manages exist only in Graph beta: use ${beta}.`,
      );
      for (const gateway of [
        'https://graph-gateway.contoso.example/intune',
        'https://graph-proxy.contoso.example/v1.0/beta',
      ]) {
        expect(loadConfig({ INTUNE_MCP_GRAPH_URL: gateway }, []).graphBaseUrl).toBe(gateway);
      }
    },
  );

  it('an unknown cloud lists the valid ones', () => {
    expect(configError({ INTUNE_MCP_CLOUD: 'germany' })).toBe(
      'INTUNE_MCP_CLOUD must be one of global, usgov, usgov-dod, china; got "germany".',
    );
  });
});

describe('AZURE_AUTHORITY_HOST', () => {
  it.each(['http://127.0.0.1:8443', 'http://login.microsoftonline.com'])(
    'refuses plain http, even on loopback: %s',
    (host) => {
      expect(configError({ AZURE_AUTHORITY_HOST: host })).toMatch(/^AZURE_AUTHORITY_HOST must be an https URL/);
    },
  );

  it('refuses what is not a URL', () => {
    expect(configError({ AZURE_AUTHORITY_HOST: 'login.microsoftonline.com' })).toContain(
      'AZURE_AUTHORITY_HOST is not a valid URL',
    );
  });
});

describe('booleans', () => {
  it.each(['true', 'TRUE', '1', 'yes', 'On'])('%s is true', (value) => {
    expect(loadConfig({ INTUNE_MCP_READ_ONLY: value }, []).readOnly).toBe(true);
  });
  it.each(['false', '0', 'no', 'OFF', ' '])('%j is false', (value) => {
    expect(loadConfig({ INTUNE_MCP_READ_ONLY: value }, []).readOnly).toBe(false);
  });
  it('a value that is neither lists every accepted word', () => {
    expect(configError({ INTUNE_MCP_SIMULATE: 'maybe' })).toBe(
      'INTUNE_MCP_SIMULATE must be true or false (accepted, in any case: true, 1, yes, on / false, 0, no, off); got "maybe".',
    );
  });
});

describe('INTUNE_MCP_ACCESS_TOKEN', () => {
  const TOKEN = 'eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJncmFwaCJ9.c2lnbmF0dXJl';

  it('is trimmed of surrounding whitespace', () => {
    expect(loadConfig({ INTUNE_MCP_ACCESS_TOKEN: `  ${TOKEN}\n` }, []).accessToken).toBe(TOKEN);
  });

  it.each([
    ['a line break', `${TOKEN.slice(0, 20)}\n${TOKEN.slice(20)}`, /contains a line break/],
    ['a carriage return', `${TOKEN.slice(0, 20)}\r\n${TOKEN.slice(20)}`, /contains a line break/],
    ['a space', `${TOKEN.slice(0, 20)} ${TOKEN.slice(20)}`, /contains whitespace inside the token/],
    ['a "Bearer " prefix', `Bearer ${TOKEN}`, /without "Bearer "/],
    ['a tab', `${TOKEN.slice(0, 20)}\t${TOKEN.slice(20)}`, /whitespace/],
    ['a non-ASCII character', `${TOKEN}é`, /cannot be in a bearer token/],
  ])('with %s inside is refused, naming the variable and never echoing the token', (_label, value, message) => {
    const error = configError({ INTUNE_MCP_ACCESS_TOKEN: value });
    expect(error).toMatch(/^INTUNE_MCP_ACCESS_TOKEN /);
    expect(error).toMatch(message);
    expect(error).not.toContain(TOKEN.slice(0, 20));
    expect(error).not.toContain(TOKEN.slice(20));
  });

  it('is not checked when another sign-in mode or the simulator ignores it', () => {
    const broken = `${TOKEN.slice(0, 20)}\n${TOKEN.slice(20)}`;
    expect(loadConfig({ INTUNE_MCP_ACCESS_TOKEN: broken }, ['--simulate']).simulate).toBe(true);
    expect(loadConfig({ INTUNE_MCP_ACCESS_TOKEN: broken, INTUNE_MCP_AUTH: 'azure-cli' }, []).auth).toBe('azure-cli');
  });
});

describe('INTUNE_MCP_TOOLSETS', () => {
  it.each([
    [undefined, ['android-for-work', 'device-owner']],
    ['', ['android-for-work', 'device-owner']],
    [' , ,', ['android-for-work', 'device-owner']],
    ['device-owner', ['device-owner']],
    [' Android-For-Work ', ['android-for-work']],
    ['device-owner,android-for-work', ['android-for-work', 'device-owner']],
    ['DEVICE-OWNER, device-owner ,', ['device-owner']],
  ])('%j → %j', (value, toolsets) => {
    const env: Record<string, string> = value === undefined ? {} : { INTUNE_MCP_TOOLSETS: value };
    expect(loadConfig(env, []).toolsets).toEqual(toolsets);
  });

  it('refuses unknown names, naming the variable and listing the valid ones', () => {
    expect(configError({ INTUNE_MCP_TOOLSETS: 'device-owner, kiosk,Work' })).toBe(
      'INTUNE_MCP_TOOLSETS must be a comma-separated list of android-for-work, device-owner; unknown: "kiosk", "Work".',
    );
  });
});

describe('AZURE_CLIENT_CERTIFICATE_PATH', () => {
  const certificate = (path: string) => ({
    INTUNE_MCP_AUTH: 'client-certificate',
    ...APP,
    AZURE_CLIENT_CERTIFICATE_PATH: path,
  });
  const CONVERSION = 'openssl pkcs12 -in cert.pfx -out cert.pem -nodes';

  it.each([
    ['binary DER', file('app.crt', Buffer.from([0x30, 0x82, 0x0a, 0x1f, 0x02, 0x01, 0x03, 0x30]))],
    ['a .pfx name', file('app.pfx', PEM_TEXT)],
    ['a .P12 name', file('app.P12', PEM_TEXT)],
    ['base64 without a PEM block', file('app.txt', 'MIIKHwIBAzCCCdUGCSqGSIb3DQEHAaCCCcYEggnCMIIJvjCCBEoGCSqGSIb3')],
  ])('refuses a PKCS#12/PFX file (%s), giving the conversion', (_label, path) => {
    const error = configError(certificate(path));
    expect(error).toMatch(/^AZURE_CLIENT_CERTIFICATE_PATH points to .* not a PEM file/);
    expect(error).toContain(CONVERSION);
  });

  it.each([
    ['missing', join(FILES, 'nope.pem'), /cannot be read \(no such file\)/],
    ['a directory', FILES, /cannot be read \(it is a directory\)/],
    [
      'PEM without a key',
      file('cert-only.pem', PEM_TEXT.replace(/-----BEGIN PRIVATE KEY-----[\s\S]*?-----END PRIVATE KEY-----\n/, '')),
      /without a private key/,
    ],
    [
      'PEM without a certificate',
      file('key-only.pem', PEM_TEXT.replace(/-----BEGIN CERTIFICATE-----[\s\S]*$/, '')),
      /without a certificate/,
    ],
  ])('refuses a file that is %s, naming the variable', (_label, path, message) => {
    expect(configError(certificate(path))).toMatch(message);
    expect(configError(certificate(path))).toMatch(/^AZURE_CLIENT_CERTIFICATE_PATH /);
  });

  it('accepts a PEM file with a key and a certificate, also an RSA key', () => {
    expect(loadConfig(certificate(PEM), []).auth).toBe('client-certificate');
    const rsa = file('rsa.pem', PEM_TEXT.replaceAll('PRIVATE KEY', 'RSA PRIVATE KEY'));
    expect(loadConfig(certificate(rsa), []).auth).toBe('client-certificate');
  });

  describe('an encrypted key', () => {
    const PASSWORD = 'Unit-Key-Passw0rd';
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: PASSWORD });
    const traditional = privateKey.export({
      type: 'pkcs1',
      format: 'pem',
      cipher: 'aes-256-cbc',
      passphrase: PASSWORD,
    });
    const CERTIFICATE = PEM_TEXT.slice(PEM_TEXT.indexOf('-----BEGIN CERTIFICATE-----'));
    const withPassword = (path: string, password?: string) => ({
      ...certificate(path),
      ...(password === undefined ? {} : { AZURE_CLIENT_CERTIFICATE_PASSWORD: password }),
    });

    it.each([
      ['PKCS#8 (ENCRYPTED PRIVATE KEY)', file('enc-pkcs8.pem', `${pkcs8}${CERTIFICATE}`)],
      ['traditional (Proc-Type: 4,ENCRYPTED)', file('enc-pkcs1.pem', `${traditional}${CERTIFICATE}`)],
    ])(
      '%s: refused without AZURE_CLIENT_CERTIFICATE_PASSWORD or with a wrong one, accepted with its own',
      (_label, path) => {
        expect(configError(withPassword(path))).toMatch(
          /^AZURE_CLIENT_CERTIFICATE_PASSWORD is not set, but the private key in .* is encrypted/,
        );
        expect(configError(withPassword(path, ''))).toMatch(/^AZURE_CLIENT_CERTIFICATE_PASSWORD is not set/);
        const wrong = configError(withPassword(path, 'wrong-password'));
        expect(wrong).toBe(
          `AZURE_CLIENT_CERTIFICATE_PASSWORD does not decrypt the private key in ${path}: set it to that key's password.`,
        );
        expect(loadConfig(withPassword(path, PASSWORD), []).auth).toBe('client-certificate');
        // A password beside an unencrypted key is left alone: the library ignores it there.
        expect(loadConfig(withPassword(PEM, 'unused'), []).auth).toBe('client-certificate');
      },
    );
  });

  it('is checked in default mode when set, and not at all in simulate mode', () => {
    const pfx = file('default.pfx', Buffer.from([0x30, 0x82, 0x01]));
    expect(configError({ AZURE_CLIENT_CERTIFICATE_PATH: pfx })).toContain(CONVERSION);
    expect(
      loadConfig({ INTUNE_MCP_AUTH: 'client-certificate', AZURE_CLIENT_CERTIFICATE_PATH: pfx }, ['--simulate'])
        .simulate,
    ).toBe(true);
  });
});

describe('proxy variables', () => {
  it.each([
    [
      { HTTPS_PROXY: 'proxy.contoso.example:3128' },
      'HTTPS_PROXY must be an http:// or https:// proxy URL such as http://proxy.example.com:8080; got "proxy.contoso.example:3128".',
    ],
    [
      { https_proxy: 'socks5://127.0.0.1:1080' },
      'https_proxy must be an http:// or https:// proxy URL such as http://proxy.example.com:8080; got "socks5://127.0.0.1:1080".',
    ],
    [{ HTTP_PROXY: 'not a url' }, 'HTTP_PROXY is not a valid URL such as http://proxy.example.com:8080.'],
    [
      { ALL_PROXY: 'user:Pr0xy-Passw0rd@proxy:3128' },
      'ALL_PROXY must be an http:// or https:// proxy URL such as http://proxy.example.com:8080.',
    ],
  ])('%j is refused at start-up, naming the variable and never showing a password', (env, message) => {
    expect(configError({ ...env, INTUNE_MCP_ACCESS_TOKEN: 'static-token-0123456789' })).toBe(message);
  });

  it('only the variable in force is checked, and none in simulate mode', () => {
    expect(loadConfig({ HTTPS_PROXY: 'http://proxy:3128', HTTP_PROXY: 'junk' }, []).auth).toBe('default');
    expect(loadConfig({ HTTPS_PROXY: 'junk' }, ['--simulate']).simulate).toBe(true);
  });
});
