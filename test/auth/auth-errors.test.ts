/**
 * describeAuthFailure: what the agent reads when sign-in fails — the credential, the AADSTS code, the fix, no secret.
 * The Entra texts below are the shapes @azure/identity puts in its AuthenticationError messages.
 */
import { describe, expect, it } from 'vitest';
import { describeAuthFailure } from '../../src/auth/auth-errors.js';
import type { AuthorityFailure } from '../../src/auth/authority-trace.js';
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

  it('a credential that is unavailable by its class name: says how to configure one', () => {
    const error = Object.assign(new Error('WorkloadIdentityCredential: no token file.'), {
      name: 'CredentialUnavailableError',
    });
    expect(describeAuthFailure('default (DefaultAzureCredential)', error)).toMatch(/^Fix: configure a credential/m);
  });

  // MSAL's and Entra's own words contain "unavailable" and "Not Available": neither is a missing credential.
  it.each([
    [
      'Entra 500 temporarily_unavailable',
      'temporarily_unavailable: Error(s): 50000 - Timestamp: 2026-11-28 10:00:00Z - Description: AADSTS50000: There was an error issuing a token. Trace ID: 1',
    ],
    ['a 503 without an Entra body', 'unknown_error Status code: 503 More details: An unknown error has occurred.'],
  ])("%s: a temporary failure on Entra's side, to retry", (_label, message) => {
    const text = describeAuthFailure('client-secret (ClientSecretCredential)', new Error(message));
    expect(text).toMatch(/^Fix: Entra ID had a temporary failure.*Try again/m);
    expect(text).not.toMatch(/configure a credential/);
  });

  it('an On-Behalf-Of exchange hitting a transient Entra error (AADSTS90033) is told to call again', () => {
    const error = new Error(
      'AADSTS90033: A transient error has occurred. Please try again. Trace ID: 1 Correlation ID: Not Available Timestamp: Not Available',
    );
    const text = describeAuthFailure('on-behalf-of (OnBehalfOfCredential)', error);
    expect(text).toContain('Fix: AADSTS90033: a transient error at Entra ID');
    expect(text).not.toMatch(/configure a credential/);
  });

  it('"Timestamp: Not Available" in an error without a known fix gets no wrong one', () => {
    const error = new Error('invalid_request: Error(s): 9001 - Timestamp: Not Available - Description: odd');
    expect(describeAuthFailure('client-secret (ClientSecretCredential)', error)).not.toMatch(/Fix:/);
  });

  describe('an authority that cannot be reached (MSAL gives only its error code)', () => {
    const unreachable = Object.assign(
      new Error('endpoints_resolution_error: See https://aka.ms/msal.js.errors#endpoints_resolution_error for details'),
      { name: 'CredentialUnavailableError' }, // what @azure/identity makes of it
    );
    const signIn = (lastFailure?: AuthorityFailure, authorityHost = 'https://login.microsoftonline.com') =>
      describeAuthFailure('client-secret (ClientSecretCredential)', unreachable, { authorityHost, lastFailure });

    it('names the authority host and what to check, not "configure a credential"', () => {
      const text = signIn({
        host: 'login.microsoftonline.com',
        outcome: 'connection refused (ECONNREFUSED)',
        kind: 'network',
      });
      expect(text).toContain('Last request to login.microsoftonline.com: connection refused (ECONNREFUSED).');
      expect(text).toMatch(
        /^Fix: Entra ID \(https:\/\/login\.microsoftonline\.com\) could not be reached.*firewall.*HTTPS_PROXY.*DNS.*NODE_EXTRA_CA_CERTS/m,
      );
      expect(text).not.toMatch(/configure a credential/);
    });

    it('in China, names the host MSAL really connects to as well', () => {
      const text = signIn(undefined, 'https://login.chinacloudapi.cn');
      expect(text).toContain(
        'Entra ID (https://login.chinacloudapi.cn, which MSAL reaches at https://login.partner.microsoftonline.cn) could not be reached',
      );
    });

    it('an untrusted certificate leads with NODE_EXTRA_CA_CERTS', () => {
      const text = signIn({
        host: 'login.microsoftonline.com',
        outcome: 'TLS certificate not trusted (SELF_SIGNED_CERT_IN_CHAIN)',
        kind: 'certificate',
      });
      expect(text).toMatch(/^Fix: .*presented a TLS certificate this machine does not trust: .*NODE_EXTRA_CA_CERTS/m);
    });
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
