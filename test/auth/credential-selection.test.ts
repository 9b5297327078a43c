/**
 * Which @azure/identity credential each INTUNE_MCP_AUTH mode builds, and with what options. Constructing credentials
 * contacts nothing; only getToken would, and it is not called here.
 */
import * as identity from '@azure/identity';
import { describe, expect, it } from 'vitest';
import { AUTH_MODES, type AuthMode } from '../../src/auth/auth-modes.js';
import { createCredential } from '../../src/auth/azure-identity-provider.js';
import { CLOUDS } from '../../src/auth/clouds.js';
import { Logger } from '../../src/logging.js';

const env = {
  AZURE_TENANT_ID: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  AZURE_CLIENT_ID: '3f0a8c1e-5b7d-4e2a-9c6f-1d8e7b4a2c90',
  AZURE_CLIENT_SECRET: 'unit-test-secret-value',
  AZURE_CLIENT_CERTIFICATE_PATH: '/does/not/matter.pem',
  AZURE_FEDERATED_TOKEN_FILE: '/var/run/secrets/azure/tokens/azure-identity-token',
};

function build(mode: Exclude<AuthMode, 'token'>, authorityHost = CLOUDS.global.authorityHost) {
  return createCredential({
    mode,
    scope: CLOUDS.global.graphScope,
    authorityHost,
    env,
    logger: new Logger(),
    timeoutMs: 30_000,
    sendCertificateChain: false,
  });
}

describe('credential selection', () => {
  const expected: [Exclude<AuthMode, 'token'>, new (...args: never[]) => unknown][] = [
    ['default', identity.DefaultAzureCredential],
    ['client-secret', identity.ClientSecretCredential],
    ['client-certificate', identity.ClientCertificateCredential],
    ['managed-identity', identity.ManagedIdentityCredential],
    ['workload-identity', identity.WorkloadIdentityCredential],
    ['azure-cli', identity.AzureCliCredential],
    ['device-code', identity.DeviceCodeCredential],
    ['interactive-browser', identity.InteractiveBrowserCredential],
  ];

  it.each(expected)('%s builds the credential named in the mode table', async (mode, credentialClass) => {
    const credential = await build(mode);
    expect(credential).toBeInstanceOf(credentialClass);
    expect(AUTH_MODES[mode].credential).toBe(credentialClass.name);
  });

  it('covers every mode but the static token', () => {
    expect(expected.map(([mode]) => mode).sort()).toEqual(
      Object.keys(AUTH_MODES)
        .filter((m) => m !== 'token')
        .sort(),
    );
  });
});
