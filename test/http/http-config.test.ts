/**
 * The configuration of HTTP mode: --http / INTUNE_MCP_HTTP and its settings, and the start-up refusals that keep a
 * shared server from running unsafely (no caller check beyond loopback, a plain-http public URL, a multi-tenant
 * authority, a credential the On-Behalf-Of exchange cannot use). Each names the variable to fix.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { SERVER_BIN } from '../helpers/mcp-harness.js';

const FILES = mkdtempSync(join(tmpdir(), 'intune-mcp-http-config-'));
afterAll(() => rmSync(FILES, { recursive: true, force: true }));
const PEM = join(FILES, 'app.pem');
writeFileSync(
  PEM,
  '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg==\n-----END PRIVATE KEY-----\n-----BEGIN CERTIFICATE-----\nMIIDazCCAlOg==\n-----END CERTIFICATE-----\n',
);

const APP = {
  AZURE_TENANT_ID: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  AZURE_CLIENT_ID: '3f0a8c1e-5b7d-4e2a-9c6f-1d8e7b4a2c90',
  AZURE_CLIENT_SECRET: 'app-secret-value',
};

function configError(env: Record<string, string>, argv: string[] = []): string {
  try {
    loadConfig(env, argv);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('--http [host:]port and INTUNE_MCP_HTTP', () => {
  it('stdio stays the default', () => {
    expect(loadConfig({ ...APP }, []).http).toBeUndefined();
  });

  it.each([
    [['--http', '8080'], {}, '127.0.0.1', 8080],
    [['--http=0.0.0.0:9000'], { INTUNE_MCP_HTTP_PUBLIC_URL: 'https://mcp.contoso.com' }, '0.0.0.0', 9000],
    [['--http', '[::1]:8080'], {}, '::1', 8080],
    [[], { INTUNE_MCP_HTTP: 'localhost:0' }, 'localhost', 0],
    [['--http', '7000'], { INTUNE_MCP_HTTP: '9999' }, '127.0.0.1', 7000], // the flag wins
  ])('%j %j listens on %s:%i', (argv, env, host, port) => {
    const { http } = loadConfig({ ...APP, ...env }, argv);
    expect(http).toMatchObject({ host, port });
  });

  it.each([
    [['--http'], '--http needs [host:]port'],
    [['--http', '--read-only'], '--http needs [host:]port'],
    [['--http', '70000'], 'a port from 0 to 65535'],
    [['--http', 'host:port'], '--http must be [host:]port'],
  ])('%j is refused', (argv, message) => {
    expect(configError({ ...APP }, argv)).toContain(message);
  });

  it('defaults: Entra ID, 256 calls at once, the listen URL as public URL on loopback', () => {
    expect(loadConfig({ ...APP }, ['--http', '8080']).http).toEqual({
      host: '127.0.0.1',
      port: 8080,
      auth: 'entra',
      publicUrl: undefined,
      maxConcurrentCalls: 256,
      entra: {
        tenantId: APP.AZURE_TENANT_ID,
        clientId: APP.AZURE_CLIENT_ID,
        audience: `api://${APP.AZURE_CLIENT_ID}`,
        scope: 'access_as_user',
        credential: 'client-secret',
      },
    });
  });

  it('takes the audience, scope, bound and public URL it is given', () => {
    const { http } = loadConfig(
      {
        ...APP,
        INTUNE_MCP_HTTP_AUDIENCE: 'https://intune-mcp.contoso.com',
        INTUNE_MCP_HTTP_SCOPE: 'Enrollment.Manage',
        INTUNE_MCP_HTTP_MAX_CONCURRENT_CALLS: '32',
        INTUNE_MCP_HTTP_PUBLIC_URL: 'https://intune-mcp.contoso.com/',
      },
      ['--http', '0.0.0.0:8080'],
    );
    expect(http).toMatchObject({
      publicUrl: 'https://intune-mcp.contoso.com',
      maxConcurrentCalls: 32,
      entra: { audience: 'https://intune-mcp.contoso.com', scope: 'Enrollment.Manage' },
    });
  });
});

describe('refused at start-up', () => {
  it('INTUNE_MCP_HTTP_AUTH=none beyond loopback', () => {
    expect(
      configError({ INTUNE_MCP_HTTP_AUTH: 'none', INTUNE_MCP_HTTP_PUBLIC_URL: 'https://x.contoso.com' }, [
        '--http',
        '0.0.0.0:8080',
      ]),
    ).toContain('INTUNE_MCP_HTTP_AUTH=none is refused on 0.0.0.0');
    expect(loadConfig({ INTUNE_MCP_HTTP_AUTH: 'none' }, ['--http', 'localhost:8080']).http?.auth).toBe('none');
  });

  it.each([
    [{}, 'INTUNE_MCP_HTTP_PUBLIC_URL is required'],
    [{ INTUNE_MCP_HTTP_PUBLIC_URL: 'http://mcp.contoso.com' }, 'must be an https URL'],
    [{ INTUNE_MCP_HTTP_PUBLIC_URL: 'https://mcp.contoso.com/intune' }, 'without a path'],
    [{ INTUNE_MCP_HTTP_PUBLIC_URL: 'https://user:pw@mcp.contoso.com' }, 'must not carry credentials'],
  ])('a public URL beyond loopback: %j', (env, message) => {
    expect(configError({ ...APP, ...env }, ['--http', '0.0.0.0:8080'])).toContain(message);
  });

  it.each([
    [{ AZURE_CLIENT_ID: APP.AZURE_CLIENT_ID, AZURE_CLIENT_SECRET: 's' }, 'needs AZURE_TENANT_ID'],
    [{ ...APP, AZURE_TENANT_ID: 'organizations' }, 'must name one tenant'],
    [{ AZURE_TENANT_ID: APP.AZURE_TENANT_ID, AZURE_CLIENT_ID: APP.AZURE_CLIENT_ID }, 'needs AZURE_CLIENT_SECRET or'],
    [{ ...APP, INTUNE_MCP_AUTH: 'managed-identity' }, 'INTUNE_MCP_AUTH=managed-identity cannot be used'],
    [{ ...APP, INTUNE_MCP_ACCESS_TOKEN: 'eyJ0.static' }, 'INTUNE_MCP_ACCESS_TOKEN is not used'],
    [{ ...APP, INTUNE_MCP_HTTP_SCOPE: 'two words' }, 'INTUNE_MCP_HTTP_SCOPE must be one word'],
    [{ ...APP, INTUNE_MCP_HTTP_AUTH: 'basic' }, 'INTUNE_MCP_HTTP_AUTH must be one of entra, none'],
    [{ ...APP, INTUNE_MCP_HTTP_MAX_CONCURRENT_CALLS: '0' }, 'INTUNE_MCP_HTTP_MAX_CONCURRENT_CALLS must be'],
    [
      {
        AZURE_TENANT_ID: APP.AZURE_TENANT_ID,
        AZURE_CLIENT_ID: APP.AZURE_CLIENT_ID,
        AZURE_CLIENT_CERTIFICATE_PATH: PEM,
        AZURE_CLIENT_CERTIFICATE_PASSWORD: 'pw',
      },
      'AZURE_CLIENT_CERTIFICATE_PASSWORD cannot be used',
    ],
  ])('Entra ID: %j', (env, message) => {
    expect(configError(env, ['--http', '8080'])).toContain(message);
  });

  it('the certificate the exchange signs in with is chosen when no secret is set', () => {
    const env = { AZURE_TENANT_ID: APP.AZURE_TENANT_ID, AZURE_CLIENT_ID: APP.AZURE_CLIENT_ID };
    expect(loadConfig({ ...env, AZURE_CLIENT_CERTIFICATE_PATH: PEM }, ['--http', '8080']).http?.entra?.credential).toBe(
      'client-certificate',
    );
  });

  it('--simulate over HTTP needs no Entra ID (none on loopback), and refuses it when asked', () => {
    expect(loadConfig({}, ['--simulate', '--http', '8080']).http?.auth).toBe('none');
    expect(configError({ ...APP, INTUNE_MCP_HTTP_AUTH: 'entra' }, ['--simulate', '--http', '8080'])).toContain(
      '--simulate contacts no tenant',
    );
  });

  it('the bin exits with code 2 and names the variable', () => {
    const run = spawnSync(process.execPath, [SERVER_BIN, '--http', '0.0.0.0:8080'], {
      env: { PATH: process.env.PATH ?? '', INTUNE_MCP_HTTP_AUTH: 'none' },
      encoding: 'utf8',
      timeout: 10_000,
    });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('configuration error: INTUNE_MCP_HTTP_AUTH=none is refused on 0.0.0.0');
  });
});
