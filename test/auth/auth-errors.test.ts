/**
 * describeAuthFailure: what the agent reads when sign-in fails — the credential, the AADSTS code, the fix, no secret.
 * The Entra texts below are the shapes @azure/identity puts in its AuthenticationError messages.
 */
import { describe, expect, it } from 'vitest';
import { describeAuthFailure } from '../../src/auth/auth-errors.js';
import { registerSecret } from '../../src/security/secret-scrubber.js';

const entraMessage = (code: string, text: string) =>
  new Error(
    `invalid_client: Error(s): ${code.slice(6)} - Timestamp: 2026-11-28 10:00:00Z - Description: ${code}: ${text} Trace ID: 1 Correlation ID: 2`,
  );

describe('describeAuthFailure', () => {
  it('names the credential and the code, and gives the fix', () => {
    const text = describeAuthFailure(
      'client-secret (ClientSecretCredential)',
      entraMessage('AADSTS7000215', 'Invalid client secret provided.'),
    );
    expect(text.split('\n')[0]).toBe('Sign-in with client-secret (ClientSecretCredential) failed (AADSTS7000215).');
    expect(text).toMatch(/^Fix: AADSTS7000215: .*AZURE_CLIENT_SECRET.*Value/m);
  });

  it('missing consent names the Graph permission to grant', () => {
    const text = describeAuthFailure(
      'device-code (DeviceCodeCredential)',
      entraMessage('AADSTS65001', 'The user or administrator has not consented.'),
    );
    expect(text).toMatch(
      /Fix: AADSTS65001: .*admin must grant consent .*DeviceManagementConfiguration\.ReadWrite\.All/,
    );
  });

  it('an unknown app points at AZURE_CLIENT_ID, AZURE_TENANT_ID and the cloud', () => {
    const text = describeAuthFailure(
      'client-secret (ClientSecretCredential)',
      entraMessage('AADSTS700016', "Application with identifier 'x' was not found."),
    );
    expect(text).toMatch(/Fix: AADSTS700016: .*AZURE_CLIENT_ID.*AZURE_TENANT_ID.*INTUNE_MCP_CLOUD/);
  });

  it('Azure CLI not signed in: says to run az login, also for national clouds', () => {
    const error = new Error(
      "Please run 'az login' from a command prompt to authenticate before using this credential.",
    );
    expect(describeAuthFailure('azure-cli (AzureCliCredential)', error)).toMatch(
      /^Fix: sign in to the Azure CLI .*az cloud set/m,
    );
  });

  it('no credential available at all: says how to configure one', () => {
    const error = new Error(
      "CredentialUnavailableError: EnvironmentCredential is unavailable. AzureCliCredential: Please run 'az login' from a command prompt.",
    );
    expect(describeAuthFailure('default (DefaultAzureCredential)', error)).toMatch(
      /^Fix: configure a credential: set INTUNE_MCP_AUTH/m,
    );
  });

  it('never repeats a secret or a token that a library put in its message', () => {
    registerSecret('S3cr3t~value.that-must-not-leak');
    const error = new Error(
      'request failed: client_secret=S3cr3t~value.that-must-not-leak Authorization: Bearer eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJ4In0.c2ln',
    );
    const text = describeAuthFailure('client-secret (ClientSecretCredential)', error);
    expect(text).not.toContain('S3cr3t~value.that-must-not-leak');
    expect(text).not.toContain('eyJ0eXAi');
  });

  it('keeps a very long library message short', () => {
    expect(describeAuthFailure('azure-cli (AzureCliCredential)', new Error('x'.repeat(5_000))).length).toBeLessThan(
      1_000,
    );
  });
});
