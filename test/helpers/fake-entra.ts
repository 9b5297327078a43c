/**
 * A fake Microsoft Entra ID over HTTPS on loopback, faithful enough that the real @azure/identity (MSAL node) in the
 * spawned server signs in against it: OpenID discovery, the v2.0 token endpoint (client secret, client assertion
 * signed by a certificate, device code, On-Behalf-Of) and Entra-shaped errors with AADSTS codes. Every request is
 * recorded so tests can count token requests and check the scope.
 *
 * For a server that checks callers (HTTP mode), it is also the issuer of users' access tokens: v2 tokens signed RS256
 * with keys it publishes at the discovery document's jwks_uri, which it can roll over (entra-signing-keys.ts), and the
 * On-Behalf-Of exchange of such a token for a Graph token of that user (one distinct token per exchange).
 *
 * Shapes follow real Entra answers and what MSAL node 5 sends (read in node_modules/@azure/msal-node and
 * msal-common): discovery at `{authority}/v2.0/.well-known/openid-configuration`, a form-encoded token POST with
 * `client_id`, `scope`, `grant_type` and either `client_secret` or `client_assertion` (a JWT, RS256 with `x5t` or
 * PS256 with `x5t#S256`, `aud` = the token endpoint, `iss` = `sub` = the client id).
 */
import { execFile } from 'node:child_process';
import {
  createPublicKey,
  createVerify,
  constants as cryptoConstants,
  randomBytes,
  randomUUID,
  X509Certificate,
} from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { decodeJwt, newSigningKey, type SigningKey, signJwt, strangerKey } from './entra-signing-keys.js';

const run = promisify(execFile);

/** An access token a user brings to the server (Entra v2 shape); everything but the user's oid has a default. */
export interface UserTokenOptions {
  readonly oid: string;
  /** `aud`: the server app's client id, as v2 tokens carry it. */
  readonly aud: string;
  /** Space-separated delegated scopes; default access_as_user; '' for none. */
  readonly scp?: string;
  /** Seconds until it expires; negative: it expired that long ago. Default 3600. */
  readonly expiresIn?: number;
  /** Default: this tenant's v2 issuer. */
  readonly iss?: string;
  /** `current` (default); `stranger`: a key nobody publishes, under its own kid; `forged`: such a key under the current kid; `none`: alg none. */
  readonly signedWith?: 'current' | 'stranger' | 'forged' | 'none';
  /** The client app the user signed in to (azp). */
  readonly azp?: string;
  readonly claims?: Readonly<Record<string, unknown>>;
}

/** An On-Behalf-Of exchange the fake carried out. */
export interface OboExchange {
  readonly oid: string;
  readonly clientId: string;
  readonly assertion: string;
  /** The Graph token issued for that user. */
  readonly graphToken: string;
}

/** An app registration. With neither a secret nor a certificate it is a public client (delegated sign-in). */
export interface RegisteredApp {
  readonly clientId: string;
  readonly secret?: string;
  /** PEM of the certificate uploaded to the app registration (public part only). */
  readonly certificatePem?: string;
  /** A federated credential: this exact assertion (the workload's token file) is trusted. */
  readonly federatedAssertion?: string;
}

export interface RecordedTokenRequest {
  readonly tenant: string;
  readonly grantType: string;
  readonly clientId: string;
  readonly scope: string;
  readonly form: Readonly<Record<string, string>>;
  /** What the fake answered: an issued access token, or the error code. */
  readonly outcome: { readonly accessToken: string } | { readonly error: string };
}

/** A token endpoint in trouble: the connection dropped, or an Entra error such as 500 `temporarily_unavailable`. */
export type TokenFault = 'drop' | Refusal;

export interface FakeEntra {
  /** e.g. https://127.0.0.1:41234 — use as AZURE_AUTHORITY_HOST. */
  readonly authorityHost: string;
  /** The fake's self-signed certificate (PEM file): NODE_EXTRA_CA_CERTS for the spawned server. */
  readonly caCertPath: string;
  readonly tenantId: string;
  /** Every request, as `METHOD path`. */
  readonly requests: string[];
  readonly tokenRequests: RecordedTokenRequest[];
  /** Access tokens issued so far, in order. */
  readonly issuedTokens: string[];
  /** Lifetime (expires_in) of the access tokens issued from now on. */
  tokenLifetimeSeconds: number;
  /** Device code flow: how many polls answer `authorization_pending` before the user "signs in". */
  pendingPolls: number;
  /** Leave token requests unanswered (a hung token endpoint). */
  hangTokenRequests: boolean;
  /** Token requests fail from now on: `drop` closes the connection unanswered, else Entra answers with this error. */
  tokenFault: TokenFault | undefined;
  /** The signing keys published in the JWKS, the current one last. */
  readonly signingKeys: SigningKey[];
  /** Key set requests so far (GET …/discovery/v2.0/keys). */
  readonly keySetRequests: number;
  /** While set, the key set endpoint answers this HTTP status (an outage) instead of the keys. */
  keySetFault: number | undefined;
  /** A new signing key, published and used from now on; the old ones stay published unless `retireOld`. */
  rotateSigningKey(options?: { retireOld?: boolean }): SigningKey;
  /** A user's access token for an API, signed with the current key unless told otherwise. */
  issueUserToken(options: UserTokenOptions): string;
  /** Successful On-Behalf-Of exchanges, in order. */
  readonly oboExchanges: OboExchange[];
  registerApp(app: RegisteredApp): void;
  /** Generates a key pair and self-signed certificate; `pemPath` holds the key and certificate (AZURE_CLIENT_CERTIFICATE_PATH). */
  createClientCertificate(name: string): Promise<{ pemPath: string; certificatePem: string }>;
  close(): Promise<void>;
}

export async function startFakeEntra(tenantId: string = randomUUID()): Promise<FakeEntra> {
  const dir = await mkdtemp(join(tmpdir(), 'fake-entra-'));
  const { certPath, keyPath } = await selfSignedCertificate(dir, 'server', ['IP:127.0.0.1', 'DNS:localhost']);
  const apps = new Map<string, RegisteredApp>();
  const deviceCodes = new Map<string, { clientId: string; polls: number }>();
  const sockets = new Set<Socket>();
  let origin = '';
  let keySetRequests = 0;

  const entra: FakeEntra = {
    get authorityHost() {
      return origin;
    },
    caCertPath: certPath,
    tenantId,
    requests: [],
    tokenRequests: [],
    issuedTokens: [],
    tokenLifetimeSeconds: 3599,
    keySetFault: undefined,
    pendingPolls: 1,
    hangTokenRequests: false,
    tokenFault: undefined,
    signingKeys: [newSigningKey()],
    get keySetRequests() {
      return keySetRequests;
    },
    rotateSigningKey: ({ retireOld = false } = {}) => {
      const key = newSigningKey();
      if (retireOld) entra.signingKeys.length = 0;
      entra.signingKeys.push(key);
      return key;
    },
    issueUserToken: (options) => issueUserToken(options),
    oboExchanges: [],
    registerApp: (app) => void apps.set(app.clientId, app),
    createClientCertificate: async (name) => {
      const files = await selfSignedCertificate(dir, name, [`DNS:${name}`]);
      const [key, certificatePem] = await Promise.all([
        readFile(files.keyPath, 'utf8'),
        readFile(files.certPath, 'utf8'),
      ]);
      const pemPath = join(dir, `${name}-combined.pem`);
      await writeFile(pemPath, `${key}${certificatePem}`, { mode: 0o600 });
      return { pemPath, certificatePem };
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };

  const server: Server = createServer({ cert: await readFile(certPath), key: await readFile(keyPath) }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      entra.requests.push(`${req.method} ${req.url}`);
      handle(req, res, Buffer.concat(chunks).toString('utf8'));
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  function handle(req: IncomingMessage, res: ServerResponse, body: string): void {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const match =
      /^\/([^/]+)\/(v2\.0\/\.well-known\/openid-configuration|oauth2\/v2\.0\/token|oauth2\/v2\.0\/devicecode|discovery\/v2\.0\/keys)$/.exec(
        path,
      );
    if (!match?.[1] || !match[2]) {
      json(res, 404, { error: 'not_found', error_description: `No route ${path}` });
      return;
    }
    const tenant = decodeURIComponent(match[1]);
    if (tenant !== tenantId) {
      entraError(
        res,
        400,
        'invalid_tenant',
        90002,
        `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
      );
      return;
    }
    const form = Object.fromEntries(new URLSearchParams(body));
    if (match[2].endsWith('openid-configuration')) {
      json(res, 200, openIdConfiguration(origin, tenant));
      return;
    }
    if (match[2].endsWith('keys')) {
      keySetRequests += 1;
      if (entra.keySetFault !== undefined) json(res, entra.keySetFault, { error: 'server_error' });
      else json(res, 200, { keys: entra.signingKeys.map((key) => key.jwk) });
      return;
    }
    if (match[2].endsWith('devicecode')) {
      startDeviceCode(res, form);
      return;
    }
    token(res, tenant, form);
    return;
  }

  function startDeviceCode(res: ServerResponse, form: Record<string, string>): void {
    const clientId = form.client_id ?? '';
    if (!apps.has(clientId)) {
      unknownApp(res, clientId);
      return;
    }
    const deviceCode = randomBytes(24).toString('base64url');
    const userCode = randomBytes(5).toString('hex').toUpperCase();
    deviceCodes.set(deviceCode, { clientId, polls: 0 });
    json(res, 200, {
      user_code: userCode,
      device_code: deviceCode,
      verification_uri: 'https://microsoft.com/devicelogin',
      expires_in: 900,
      interval: 1,
      message: `To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code ${userCode} to authenticate.`,
    });
  }

  function token(res: ServerResponse, tenant: string, form: Record<string, string>): void {
    if (entra.hangTokenRequests) return; // the socket stays open, unanswered
    if (entra.tokenFault === 'drop') {
      res.socket?.destroy();
      return;
    }
    const record = (outcome: RecordedTokenRequest['outcome']) =>
      entra.tokenRequests.push({
        tenant,
        grantType: form.grant_type ?? '',
        clientId: form.client_id ?? '',
        scope: form.scope ?? '',
        form,
        outcome,
      });
    const refusal = entra.tokenFault ?? checkClient(tenant, form);
    if (refusal) {
      record({ error: refusal.error });
      entraError(res, refusal.status, refusal.error, refusal.code, refusal.description);
      return;
    }
    if (isDeviceCodeGrant(form)) {
      const pending = deviceCodes.get(form.device_code ?? '');
      if (!pending) {
        record({ error: 'invalid_grant' });
        entraError(res, 400, 'invalid_grant', 70000, 'The provided value for the device_code is not valid.');
        return;
      }
      if (pending.polls++ < entra.pendingPolls) {
        record({ error: 'authorization_pending' });
        entraError(
          res,
          400,
          'authorization_pending',
          70016,
          'OAuth 2.0 device flow error. Authorization is pending. Continue polling.',
        );
        return;
      }
      deviceCodes.delete(form.device_code ?? '');
    }
    if (isOnBehalfOfGrant(form)) {
      onBehalfOf(res, tenant, form, record);
      return;
    }
    const accessToken = issueToken(tenant, form.client_id ?? '', form.scope ?? '');
    record({ accessToken });
    json(res, 200, tokenResponse(tenant, form, accessToken, entra.tokenLifetimeSeconds));
  }

  /**
   * On-Behalf-Of as Entra carries it out: the assertion must be a token this tenant signed, still valid, issued for
   * the app that presents it; the answer is a Graph token of the same user.
   * https://learn.microsoft.com/entra/identity-platform/v2-oauth2-on-behalf-of-flow
   */
  function onBehalfOf(
    res: ServerResponse,
    tenant: string,
    form: Record<string, string>,
    record: (outcome: RecordedTokenRequest['outcome']) => void,
  ): void {
    const clientId = form.client_id ?? '';
    const assertion = form.assertion ?? '';
    const problem = userAssertionProblem(assertion, clientId);
    if (problem) {
      record({ error: 'invalid_grant' });
      entraError(res, 400, 'invalid_grant', problem.code, problem.description);
      return;
    }
    const { payload } = decodeJwt(assertion);
    const oid = String(payload.oid);
    const accessToken = issueToken(tenant, clientId, form.scope ?? '', {
      oid,
      upn: payload.preferred_username,
      scp: 'DeviceManagementConfiguration.ReadWrite.All',
      idtyp: 'user',
    });
    record({ accessToken });
    entra.oboExchanges.push({ oid, clientId, assertion, graphToken: accessToken });
    json(res, 200, tokenResponse(tenant, form, accessToken, entra.tokenLifetimeSeconds, oid));
  }

  function userAssertionProblem(
    assertion: string,
    clientId: string,
  ): { code: number; description: string } | undefined {
    const [headerPart = '', payloadPart = '', signature = ''] = assertion.split('.');
    const { header, payload } = decodeJwt(assertion);
    const key = entra.signingKeys.find((candidate) => candidate.kid === header.kid);
    const verifier = createVerify('sha256').update(`${headerPart}.${payloadPart}`);
    if (header.alg !== 'RS256' || !key || !verifier.verify(createPublicKey(key.privateKey), signature, 'base64url')) {
      return { code: 50013, description: 'AADSTS50013: Assertion failed signature validation.' };
    }
    if (typeof payload.exp !== 'number' || payload.exp < Date.now() / 1000) {
      return { code: 500133, description: 'AADSTS500133: Assertion is not within its valid time range.' };
    }
    if (payload.aud !== clientId && payload.aud !== `api://${clientId}`) {
      return {
        code: 50013,
        description: 'AADSTS50013: Assertion audience does not match the Client app presenting the assertion.',
      };
    }
    return undefined;
  }

  function issueUserToken(options: UserTokenOptions): string {
    const now = Math.floor(Date.now() / 1000);
    const current = entra.signingKeys.at(-1);
    const stranger = options.signedWith === 'stranger' || options.signedWith === 'forged' ? strangerKey() : undefined;
    const kid = options.signedWith === 'stranger' ? randomBytes(12).toString('base64url') : current?.kid;
    const header = { typ: 'JWT', alg: options.signedWith === 'none' ? 'none' : 'RS256', kid };
    const payload = {
      aud: options.aud,
      iss: options.iss ?? `${origin}/${tenantId}/v2.0`,
      iat: now - 60,
      nbf: now - 60,
      exp: now + (options.expiresIn ?? 3600),
      azp: options.azp ?? 'aebc6443-996d-45c2-90f0-388ff96faa56', // VS Code's client id, as an example
      oid: options.oid,
      tid: tenantId,
      sub: `sub-${options.oid}`,
      preferred_username: `${options.oid.slice(0, 8)}@contoso.example`,
      scp: options.scp ?? 'access_as_user',
      ver: '2.0',
      uti: randomBytes(16).toString('base64url'),
      ...options.claims,
    };
    return signJwt(header, payload, stranger ?? current?.privateKey);
  }

  function issueToken(
    tenant: string,
    clientId: string,
    scope: string,
    user: Record<string, unknown> = { roles: ['DeviceManagementConfiguration.ReadWrite.All'] },
  ): string {
    const now = Math.floor(Date.now() / 1000);
    const resource =
      scope
        .split(' ')
        .find((s) => s.endsWith('/.default'))
        ?.replace(/\/\.default$/, '') ?? '';
    const accessToken = unsignedJwt({
      aud: resource,
      iss: `https://sts.windows.net/${tenant}/`,
      iat: now,
      nbf: now,
      exp: now + entra.tokenLifetimeSeconds,
      appid: clientId,
      tid: tenant,
      ...user,
      uti: randomBytes(16).toString('base64url'),
    });
    entra.issuedTokens.push(accessToken);
    return accessToken;
  }

  /** Client authentication as Entra checks it: the app must exist and prove itself with its secret or certificate. */
  function checkClient(tenant: string, form: Record<string, string>): Refusal | undefined {
    const clientId = form.client_id ?? '';
    const app = apps.get(clientId);
    if (!app) return unknownAppRefusal(clientId, tenant);
    // A public client (device code, browser sign-in) has no credential to prove; the user signs in instead.
    if (!app.secret && !app.certificatePem && !app.federatedAssertion) return undefined;
    if (form.client_secret !== undefined) {
      return form.client_secret === app.secret
        ? undefined
        : {
            status: 401,
            error: 'invalid_client',
            code: 7000215,
            description: `AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
          };
    }
    if (form.client_assertion !== undefined && app.federatedAssertion !== undefined) {
      return form.client_assertion === app.federatedAssertion
        ? undefined
        : {
            status: 400,
            error: 'invalid_client',
            code: 700211,
            description: 'AADSTS700211: No matching federated identity record found for presented assertion issuer.',
          };
    }
    if (form.client_assertion !== undefined) {
      const problem = assertionProblem(form.client_assertion, app, `${origin}/${tenant}/oauth2/v2.0/token`);
      return problem
        ? {
            status: 401,
            error: 'invalid_client',
            code: 700027,
            description: `AADSTS700027: Client assertion failed signature validation. ${problem}`,
          }
        : undefined;
    }
    return {
      status: 401,
      error: 'invalid_client',
      code: 7000218,
      description:
        "AADSTS7000218: The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return entra;
}

function isOnBehalfOfGrant(form: Record<string, string>): boolean {
  return (
    form.grant_type === 'urn:ietf:params:oauth:grant-type:jwt-bearer' && form.requested_token_use === 'on_behalf_of'
  );
}

/** MSAL sends the short `device_code`; RFC 8628 names the URN. Entra accepts both. */
function isDeviceCodeGrant(form: Record<string, string>): boolean {
  return form.grant_type === 'device_code' || form.grant_type === 'urn:ietf:params:oauth:grant-type:device_code';
}

export interface Refusal {
  readonly status: number;
  readonly error: string;
  readonly code: number;
  readonly description: string;
}

function unknownAppRefusal(clientId: string, tenant: string): Refusal {
  return {
    status: 400,
    error: 'unauthorized_client',
    code: 700016,
    description: `AADSTS700016: Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
  };
}

function unknownApp(res: ServerResponse, clientId: string): void {
  const refusal = unknownAppRefusal(clientId, 'this tenant');
  entraError(res, refusal.status, refusal.error, refusal.code, refusal.description);
}

/** Returns what is wrong with a client assertion, or undefined when Entra would accept it. */
function assertionProblem(assertion: string, app: RegisteredApp, tokenEndpoint: string): string | undefined {
  if (!app.certificatePem) return 'No certificate is registered for the app.';
  const [headerPart, payloadPart, signaturePart] = assertion.split('.');
  if (!headerPart || !payloadPart || !signaturePart) return 'The assertion is not a JWT.';
  const header = decodeJson(headerPart);
  const payload = decodeJson(payloadPart);
  const certificate = new X509Certificate(app.certificatePem);
  const verifier = createVerify('sha256').update(`${headerPart}.${payloadPart}`);
  const key = createPublicKey(certificate.publicKey.export({ type: 'spki', format: 'pem' }));
  const signature = Buffer.from(signaturePart, 'base64url');
  const valid =
    header.alg === 'PS256'
      ? verifier.verify({ key, padding: cryptoConstants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, signature)
      : header.alg === 'RS256' && verifier.verify(key, signature);
  if (!valid) return `The signature (${String(header.alg)}) does not verify with the registered certificate.`;
  const thumbprint = header['x5t#S256'] ?? header.x5t;
  const expected = header['x5t#S256'] ? certificate.fingerprint256 : certificate.fingerprint;
  if (thumbprint !== Buffer.from(expected.replace(/:/g, ''), 'hex').toString('base64url'))
    return 'Unknown key thumbprint.';
  if (payload.aud !== tokenEndpoint) return `aud ${String(payload.aud)} is not ${tokenEndpoint}.`;
  if (payload.iss !== app.clientId || payload.sub !== app.clientId) return 'iss and sub must be the client id.';
  const now = Date.now() / 1000;
  if (typeof payload.exp !== 'number' || payload.exp < now) return 'The assertion has expired.';
  return undefined;
}

function openIdConfiguration(origin: string, tenant: string): Record<string, unknown> {
  const base = `${origin}/${tenant}`;
  return {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${origin}/${tenant}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `${base}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: 'https://graph.microsoft.com/oidc/userinfo',
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    kerberos_endpoint: `${base}/kerberos`,
    tenant_region_scope: 'EU',
    cloud_instance_name: 'microsoftonline.com',
    cloud_graph_host_name: 'graph.windows.net',
    msgraph_host: 'graph.microsoft.com',
    rbac_url: 'https://pas.windows.net',
  };
}

function tokenResponse(
  tenant: string,
  form: Record<string, string>,
  accessToken: string,
  lifetime: number,
  uid = '00000000-0000-0000-66f3-3332eca7ea81',
): Record<string, unknown> {
  const response: Record<string, unknown> = {
    token_type: 'Bearer',
    expires_in: lifetime,
    ext_expires_in: lifetime,
    access_token: accessToken,
  };
  if (form.grant_type === 'client_credentials') return response;
  // Delegated sign-in (device code, On-Behalf-Of): a user, so also an id token, client_info and a refresh token, as
  // Entra sends.
  const now = Math.floor(Date.now() / 1000);
  return {
    ...response,
    scope: form.scope,
    refresh_token: randomBytes(32).toString('base64url'),
    client_info: Buffer.from(JSON.stringify({ uid, utid: tenant })).toString('base64url'),
    id_token: unsignedJwt({
      aud: form.client_id,
      iss: `https://login.microsoftonline.com/${tenant}/v2.0`,
      iat: now,
      nbf: now,
      exp: now + 3600,
      oid: uid,
      sub: uid,
      tid: tenant,
      preferred_username: 'admin@contoso.example',
      name: 'Contoso Admin',
      ver: '2.0',
    }),
  };
}

/** Entra's error body: error, error_description (with trace/correlation ids and timestamp), error_codes, ids. */
function entraError(res: ServerResponse, status: number, error: string, code: number, description: string): void {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date()
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
  json(res, status, {
    error,
    error_description: `${description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${code}`,
  });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store, no-cache' });
  res.end(JSON.stringify(body));
}

/** Looks like an Entra access token (eyJ…); nothing in this test world checks a signature on it. */
function unsignedJwt(payload: Record<string, unknown>): string {
  const header = { typ: 'JWT', alg: 'RS256', kid: 'fake-entra' };
  const encode = (part: unknown) => Buffer.from(JSON.stringify(part)).toString('base64url');
  return `${encode(header)}.${encode(payload)}.${randomBytes(64).toString('base64url')}`;
}

function decodeJson(part: string): Record<string, unknown> {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

export async function selfSignedCertificate(
  dir: string,
  name: string,
  altNames: string[],
): Promise<{ certPath: string; keyPath: string }> {
  const certPath = join(dir, `${name}-cert.pem`);
  const keyPath = join(dir, `${name}-key.pem`);
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-sha256',
    '-days',
    '1',
    '-subj',
    `/CN=${altNames[0]?.replace(/^\w+:/, '') ?? name}`,
    '-addext',
    `subjectAltName=${altNames.join(',')}`,
    '-keyout',
    keyPath,
    '-out',
    certPath,
  ]);
  return { certPath, keyPath };
}
