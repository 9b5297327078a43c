// The smallest Entra ID token endpoint that the real @azure/identity (client-secret mode) signs in against: HTTPS on
// loopback with a throw-away self-signed certificate (trusted by the server via NODE_EXTRA_CA_CERTS), OpenID
// discovery and the v2.0 token endpoint. It exists so that the burst can count real token requests.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const TENANT_ID = '8d2f6a1c-3b4e-4f5a-9c7d-0e1f2a3b4c5d';
export const CLIENT_ID = '5a1e9c3f-7b2d-4e6a-8f0c-1d2e3f4a5b6c';
export const CLIENT_SECRET = 'bench~client.secret_0123456789abcdefghij';

export async function startFakeEntra() {
  const dir = await mkdtemp(join(tmpdir(), 'bench-entra-'));
  const certPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  await promisify(execFile)('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-sha256',
    '-days',
    '1',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
    '-keyout',
    keyPath,
    '-out',
    certPath,
  ]);
  const tokenRequests = [];
  let origin = '';
  const server = createServer({ cert: await readFile(certPath), key: await readFile(keyPath) }, (req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0];
      const base = `${origin}/${TENANT_ID}`;
      if (req.method === 'GET' && path === `/${TENANT_ID}/v2.0/.well-known/openid-configuration`) {
        return json(res, 200, {
          issuer: `${base}/v2.0`,
          token_endpoint: `${base}/oauth2/v2.0/token`,
          authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
          device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
          end_session_endpoint: `${base}/oauth2/v2.0/logout`,
          jwks_uri: `${base}/discovery/v2.0/keys`,
        });
      }
      if (req.method === 'POST' && path === `/${TENANT_ID}/oauth2/v2.0/token`) {
        const form = Object.fromEntries(new URLSearchParams(body));
        tokenRequests.push(form.grant_type);
        if (form.client_id !== CLIENT_ID || form.client_secret !== CLIENT_SECRET) {
          return json(res, 401, {
            error: 'invalid_client',
            error_description: 'AADSTS7000215: Invalid client secret provided.',
          });
        }
        const token = `eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.${Buffer.from('{"aud":"https://graph.microsoft.com"}').toString('base64url')}.${randomBytes(16).toString('base64url')}`;
        return json(res, 200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token });
      }
      json(res, 404, { error: 'not_found' });
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `https://127.0.0.1:${server.address().port}`;
  return {
    authorityHost: origin,
    caCertPath: certPath,
    tokenRequests,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function json(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
