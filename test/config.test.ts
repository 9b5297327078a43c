/**
 * loadConfig: the sign-in mode and cloud chosen from the environment, and the start-up failures that name the variable.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

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
    ['client-certificate', { ...APP, AZURE_CLIENT_CERTIFICATE_PATH: '/etc/intune-mcp/app.pem' }],
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
