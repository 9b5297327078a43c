/**
 * Sign-in with an app registration's certificate, end to end: the real ClientCertificateCredential in the spawned
 * server signs a client assertion with an openssl-generated key; the fake Entra ID verifies its signature against the
 * registered certificate and its aud/iss/sub claims before issuing a token.
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type GraphSimulator, startGraphSimulator } from '../../src/simulator/graph-simulator.js';
import { type FakeEntra, startFakeEntra } from '../helpers/fake-entra.js';
import { type RunningServer, runServerToExit, startServer, textOf } from '../helpers/mcp-harness.js';
import { CLIENT_ID, KIOSK_ID, signInEnv } from './sign-in-env.js';

const run = promisify(execFile);

let entra: FakeEntra;
let sim: GraphSimulator;
let registered: { pemPath: string; certificatePem: string };
let server: RunningServer | undefined;

function certificateEnv(pemPath: string): Record<string, string> {
  const { AZURE_CLIENT_SECRET: _noSecret, ...env } = signInEnv(entra, sim, {
    INTUNE_MCP_AUTH: 'client-certificate',
    AZURE_CLIENT_CERTIFICATE_PATH: pemPath,
  });
  return env;
}

beforeAll(async () => {
  entra = await startFakeEntra();
  registered = await entra.createClientCertificate('intune-mcp-app');
  entra.registerApp({ clientId: CLIENT_ID, certificatePem: registered.certificatePem });
  sim = await startGraphSimulator({ acceptedTokens: entra.issuedTokens });
});
afterAll(async () => {
  await sim.close();
  await entra.close();
});
beforeEach(() => {
  entra.tokenRequests.length = 0;
  sim.requests.length = 0;
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});

it('signs in with a client assertion signed by the certificate and the token reaches Graph', async () => {
  server = await startServer(certificateEnv(registered.pemPath));
  const result = await server.call('get-enrollment-profile', { id: KIOSK_ID });
  expect(result.isError).toBeFalsy();
  expect(entra.tokenRequests).toHaveLength(1);
  const [request] = entra.tokenRequests;
  expect(request?.form).toMatchObject({
    grant_type: 'client_credentials',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    scope: 'https://graph.microsoft.com/.default',
  });
  expect(request?.form).not.toHaveProperty('client_secret');
  expect(request?.outcome).toEqual({ accessToken: entra.issuedTokens.at(-1) });
  expect(sim.requests[0]?.headers.authorization).toBe(`Bearer ${entra.issuedTokens.at(-1)}`);
});

it('a certificate the app does not know is refused (AADSTS700027) and nothing reaches Graph', async () => {
  const stranger = await entra.createClientCertificate('not-uploaded');
  server = await startServer(certificateEnv(stranger.pemPath));
  const result = await server.call('get-enrollment-profile', { id: KIOSK_ID });
  const text = textOf(result);
  expect(result.isError).toBe(true);
  expect(text).toContain('client-certificate (ClientCertificateCredential)');
  expect(text).toContain('AADSTS700027');
  expect(text).toMatch(/Fix: .*certificate/);
  expect(text).not.toMatch(/PRIVATE KEY/);
  expect(sim.requests).toHaveLength(0);
});

describe('the certificate file is checked at start-up', () => {
  const PFX_PASSWORD = 'Pfx-Export-Passw0rd!';
  let pfxPath: string;
  beforeAll(async () => {
    pfxPath = join(dirname(registered.pemPath), 'intune-mcp-app.pfx');
    await run('openssl', [
      'pkcs12',
      '-export',
      '-in',
      registered.pemPath,
      '-out',
      pfxPath,
      '-passout',
      `pass:${PFX_PASSWORD}`,
    ]);
  });

  it('a PFX file stops the server (exit 2), naming the variable and the openssl conversion', async () => {
    const exit = await runServerToExit({
      ...certificateEnv(pfxPath),
      AZURE_CLIENT_CERTIFICATE_PASSWORD: PFX_PASSWORD,
    });
    expect(exit.code).toBe(2);
    expect(exit.stdout).toBe('');
    expect(exit.stderr).toMatch(
      /AZURE_CLIENT_CERTIFICATE_PATH points to .*intune-mcp-app\.pfx, which is not a PEM file/,
    );
    expect(exit.stderr).toContain('openssl pkcs12 -in cert.pfx -out cert.pem -nodes');
    expect(exit.stderr).not.toContain(PFX_PASSWORD);
    expect(entra.tokenRequests).toHaveLength(0);
  });

  it('…and the PEM that conversion makes signs in', async () => {
    const pemPath = join(dirname(registered.pemPath), 'converted.pem');
    await run('openssl', ['pkcs12', '-in', pfxPath, '-out', pemPath, '-nodes', '-passin', `pass:${PFX_PASSWORD}`]);
    server = await startServer(certificateEnv(pemPath));
    const result = await server.call('get-enrollment-profile', { id: KIOSK_ID });
    expect(result.isError).toBeFalsy();
    expect(entra.tokenRequests[0]?.outcome).toEqual({ accessToken: entra.issuedTokens.at(-1) });
  });

  describe('an encrypted private key', () => {
    const KEY_PASSWORD = 'Key-Passw0rd!for-tests';
    let encryptedPath: string;
    beforeAll(async () => {
      encryptedPath = join(dirname(registered.pemPath), 'encrypted.pem');
      const keyPath = join(dirname(registered.pemPath), 'encrypted-key.pem');
      await run('openssl', [
        'pkey',
        '-in',
        registered.pemPath,
        '-aes256',
        '-passout',
        `pass:${KEY_PASSWORD}`,
        '-out',
        keyPath,
      ]);
      await writeFile(encryptedPath, `${await readFile(keyPath, 'utf8')}${registered.certificatePem}`);
    });

    it('without AZURE_CLIENT_CERTIFICATE_PASSWORD stops the server (exit 2), naming that variable', async () => {
      const exit = await runServerToExit(certificateEnv(encryptedPath));
      expect(exit.code).toBe(2);
      expect(exit.stdout).toBe('');
      expect(exit.stderr).toContain(
        `AZURE_CLIENT_CERTIFICATE_PASSWORD is not set, but the private key in ${encryptedPath} is encrypted`,
      );
      expect(entra.tokenRequests).toHaveLength(0);
    });

    it('with a wrong password stops the server (exit 2), never showing the password; its own signs in', async () => {
      const wrong = 'Not-The-Key-Passw0rd';
      const exit = await runServerToExit({
        ...certificateEnv(encryptedPath),
        AZURE_CLIENT_CERTIFICATE_PASSWORD: wrong,
      });
      expect(exit.code).toBe(2);
      expect(exit.stderr).toContain(
        `AZURE_CLIENT_CERTIFICATE_PASSWORD does not decrypt the private key in ${encryptedPath}`,
      );
      expect(exit.stderr).not.toContain(wrong);
      expect(entra.tokenRequests).toHaveLength(0);

      server = await startServer({ ...certificateEnv(encryptedPath), AZURE_CLIENT_CERTIFICATE_PASSWORD: KEY_PASSWORD });
      const result = await server.call('get-enrollment-profile', { id: KIOSK_ID });
      expect(result.isError).toBeFalsy();
      expect(entra.tokenRequests[0]?.outcome).toEqual({ accessToken: entra.issuedTokens.at(-1) });
    });
  });

  it('a missing file stops the server (exit 2), naming the variable', async () => {
    const exit = await runServerToExit(certificateEnv('/nonexistent/intune-mcp-cert.pem'));
    expect(exit.code).toBe(2);
    expect(exit.stderr).toContain(
      'AZURE_CLIENT_CERTIFICATE_PATH points to /nonexistent/intune-mcp-cert.pem, which cannot be read (no such file)',
    );
    expect(entra.tokenRequests).toHaveLength(0);
    expect(sim.requests).toHaveLength(0);
  });
});
