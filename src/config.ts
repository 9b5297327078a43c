/**
 * Environment and command line → a validated, typed Config. This is the one place that reads process.env for the
 * server's own settings (@azure/identity reads its AZURE_* variables itself, and the proxy variables are read where
 * each request is routed, graph/proxy.ts, after they are checked here). The settings, their defaults and ranges are
 * listed in settings.ts. Every problem is reported naming the variable, so a misconfigured server fails at start-up
 * instead of on the agent's first call.
 */
import { AUTH_MODE_NAMES, AUTH_MODES, type AuthMode } from './auth/auth-modes.js';
import { certificateFileProblem } from './auth/certificate-file.js';
import { CLOUD_NAMES, CLOUDS, type Cloud, type CloudName } from './auth/clouds.js';
import { proxyConfigProblem } from './graph/proxy.js';
import { isLoopbackHost } from './loopback.js';
import {
  FALSE_WORDS,
  FLAGS,
  HTTP_AUTH_MODES,
  type HttpAuthMode,
  SETTINGS,
  type SettingName,
  TOOLSET_NAMES,
  type Toolset,
  TRUE_WORDS,
} from './settings.js';

export interface Config {
  readonly cloud: Cloud;
  /** Graph base URL including the version segment, without a trailing slash. */
  readonly graphBaseUrl: string;
  /** How to get tokens. `token` uses accessToken as is and never loads @azure/identity. */
  readonly auth: AuthMode;
  readonly accessToken: string | undefined;
  /** AZURE_AUTHORITY_HOST when set (else the cloud's). */
  readonly authorityHost: string;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly simulate: boolean;
  readonly readOnly: boolean;
  readonly revealEnrollmentTokens: boolean;
  /** AZURE_CLIENT_SEND_CERTIFICATE_CHAIN (client-certificate mode: subject name / issuer authentication). */
  readonly sendCertificateChain: boolean;
  /** INTUNE_MCP_TOOLSETS: the toolsets to offer, without duplicates, in the order of TOOLSET_NAMES. */
  readonly toolsets: readonly Toolset[];
  /** --http / INTUNE_MCP_HTTP: serve Streamable HTTP instead of stdio. */
  readonly http: HttpConfig | undefined;
}

export interface HttpConfig {
  /** A host name or IP address to listen on (an IPv6 address without brackets). */
  readonly host: string;
  /** 0: any free port (the one chosen is announced on stderr). */
  readonly port: number;
  readonly auth: HttpAuthMode;
  /** INTUNE_MCP_HTTP_PUBLIC_URL as an origin, without a trailing slash; undefined: the listen URL (loopback only). */
  readonly publicUrl: string | undefined;
  readonly maxConcurrentCalls: number;
  /** With INTUNE_MCP_HTTP_AUTH=entra: the app registration that callers' tokens are issued for. */
  readonly entra: EntraResource | undefined;
}

/** The server as an OAuth protected resource: its app registration in Entra ID. */
export interface EntraResource {
  readonly tenantId: string;
  readonly clientId: string;
  /** INTUNE_MCP_HTTP_AUDIENCE: accepted as `aud` besides the client id (which Entra v2 tokens carry). */
  readonly audience: string;
  /** INTUNE_MCP_HTTP_SCOPE: the delegated scope a caller's token must carry in `scp`. */
  readonly scope: string;
  /** How the app proves itself in the On-Behalf-Of exchange; the secret or file is read from AZURE_* when used. */
  readonly credential: 'client-secret' | 'client-certificate';
}

export { SECRET_VARIABLES } from './settings.js';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

/** The flags a running server takes; --help and --version are answered before the configuration is read (cli.ts). */
const SERVER_FLAGS = new Set(['--simulate', '--read-only']);

interface Arguments {
  readonly flags: ReadonlySet<string>;
  /** The value of --http (`--http 8080` or `--http=8080`). */
  readonly http: string | undefined;
}

function readArguments(argv: readonly string[]): Arguments {
  const flags = new Set<string>();
  let http: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--http' || arg.startsWith('--http=')) {
      http = arg === '--http' ? argv[++i] : arg.slice('--http='.length);
      if (!http || http.startsWith('--')) {
        throw new ConfigError('--http needs [host:]port, e.g. --http 8080 or --http 0.0.0.0:8080.');
      }
    } else if (SERVER_FLAGS.has(arg)) flags.add(arg);
    else throw new ConfigError(`Unknown argument "${arg}". Supported: ${FLAGS.map((flag) => flag.name).join(', ')}.`);
  }
  return { flags, http };
}

export function loadConfig(env: Env = process.env, argv: readonly string[] = process.argv.slice(2)): Config {
  const args = readArguments(argv);
  const cloud = CLOUDS[readCloudName(env)];
  const simulate = args.flags.has('--simulate') || readBoolean(env, 'INTUNE_MCP_SIMULATE');
  const auth = readAuthMode(env, simulate);
  if (!simulate) checkNetworkSettings(env, auth);
  const http = readHttpConfig(env, args.http, { simulate, auth });
  return {
    cloud,
    graphBaseUrl: readGraphUrl(env, cloud),
    auth,
    accessToken: readAccessToken(env, auth, simulate),
    authorityHost: readAuthorityHost(env, cloud),
    timeoutMs: readInteger(env, 'INTUNE_MCP_TIMEOUT_MS'),
    maxRetries: readInteger(env, 'INTUNE_MCP_MAX_RETRIES'),
    simulate,
    readOnly: args.flags.has('--read-only') || readBoolean(env, 'INTUNE_MCP_READ_ONLY'),
    revealEnrollmentTokens: readBoolean(env, 'INTUNE_MCP_REVEAL_ENROLLMENT_TOKENS'),
    sendCertificateChain: readBoolean(env, 'AZURE_CLIENT_SEND_CERTIFICATE_CHAIN'),
    toolsets: readToolsets(env),
    http,
  };
}

/**
 * --http / INTUNE_MCP_HTTP and the settings of HTTP mode. Whatever would make a shared server unsafe is refused here:
 * no caller check beyond loopback, an http:// public URL, a tenant-less authority, a credential OBO cannot use.
 */
function readHttpConfig(
  env: Env,
  flag: string | undefined,
  { simulate, auth }: { simulate: boolean; auth: AuthMode },
): HttpConfig | undefined {
  const listen = flag ?? nonEmpty(env.INTUNE_MCP_HTTP);
  if (listen === undefined) return undefined;
  const { host, port } = parseListenAddress(listen, flag === undefined ? 'INTUNE_MCP_HTTP' : '--http');
  const loopback = isLoopbackHost(host);
  const mode = readHttpAuthMode(env, simulate);
  if (mode === 'entra' && simulate) {
    throw new ConfigError(
      '--simulate contacts no tenant, but INTUNE_MCP_HTTP_AUTH=entra checks every caller with Entra ID: to try the simulator over HTTP, leave INTUNE_MCP_HTTP_AUTH unset (none, on loopback).',
    );
  }
  if (mode === 'none' && !loopback) {
    throw new ConfigError(
      `INTUNE_MCP_HTTP_AUTH=none is refused on ${host}: without caller checks, anyone who can reach the server acts with its own Graph permission. Listen on loopback (127.0.0.1, ::1, localhost) or use INTUNE_MCP_HTTP_AUTH=entra.`,
    );
  }
  return {
    host,
    port,
    auth: mode,
    publicUrl: readPublicUrl(env, loopback),
    maxConcurrentCalls: readInteger(env, 'INTUNE_MCP_HTTP_MAX_CONCURRENT_CALLS'),
    entra: mode === 'entra' ? readEntraResource(env, auth) : undefined,
  };
}

/** `8080`, `0.0.0.0:8080`, `localhost:8080`, `[::1]:8080`; the host defaults to 127.0.0.1. */
function parseListenAddress(value: string, name: string): { host: string; port: number } {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]:|([^\s:[\]/]+):)?(\d{1,5})$/.exec(value.trim());
  const port = Number(match?.[3]);
  if (!match || port > 65_535) {
    throw new ConfigError(
      `${name} must be [host:]port with a port from 0 to 65535, e.g. 8080, 0.0.0.0:8080 or [::1]:8080; got "${value}".`,
    );
  }
  return { host: match[1] ?? match[2] ?? '127.0.0.1', port };
}

/** entra unless told otherwise; with --simulate there is no tenant to check callers against, so none. */
function readHttpAuthMode(env: Env, simulate: boolean): HttpAuthMode {
  const value = nonEmpty(env.INTUNE_MCP_HTTP_AUTH)?.toLowerCase() ?? (simulate ? 'none' : 'entra');
  if (!(HTTP_AUTH_MODES as readonly string[]).includes(value)) {
    throw new ConfigError(
      `INTUNE_MCP_HTTP_AUTH must be one of ${HTTP_AUTH_MODES.join(', ')}; got "${env.INTUNE_MCP_HTTP_AUTH}".`,
    );
  }
  return value as HttpAuthMode;
}

/**
 * The base URL clients use. Beyond loopback TLS ends at the balancer, so the server cannot know its own public
 * address: it must be told, and it must be https (the URL goes into the metadata that tells clients where to send
 * their tokens). An origin only: a path prefix would move the well-known metadata paths the balancer must route.
 */
function readPublicUrl(env: Env, loopback: boolean): string | undefined {
  const raw = nonEmpty(env.INTUNE_MCP_HTTP_PUBLIC_URL);
  if (raw === undefined) {
    if (loopback) return undefined;
    throw new ConfigError(
      'INTUNE_MCP_HTTP_PUBLIC_URL is required when the server listens beyond loopback: set it to the https URL clients reach it at, e.g. https://intune-mcp.contoso.com (the balancer ends TLS).',
    );
  }
  const url = parseUrl(raw, 'INTUNE_MCP_HTTP_PUBLIC_URL');
  if (url.username || url.password) {
    throw new ConfigError('INTUNE_MCP_HTTP_PUBLIC_URL must not carry credentials (user:password@).');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    throw new ConfigError(
      `INTUNE_MCP_HTTP_PUBLIC_URL must be an https URL (plain http only for loopback hosts); got "${withoutUserInfo(raw)}".`,
    );
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw new ConfigError(
      `INTUNE_MCP_HTTP_PUBLIC_URL must be a base URL without a path, query or fragment (the server answers at /mcp under it); got "${withoutUserInfo(raw)}".`,
    );
  }
  return url.origin;
}

/** Authorities that are not one tenant: their tokens come from any tenant, so no one issuer could be checked. */
const MULTI_TENANT_AUTHORITIES = new Set(['common', 'organizations', 'consumers']);

function readEntraResource(env: Env, auth: AuthMode): EntraResource {
  const missing = ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID'].filter((name) => nonEmpty(env[name]) === undefined);
  if (missing.length > 0) {
    throw new ConfigError(
      `INTUNE_MCP_HTTP_AUTH=entra needs ${missing.join(', ')} (the server's app registration), which ${missing.length === 1 ? 'is' : 'are'} not set.`,
    );
  }
  const tenantId = nonEmpty(env.AZURE_TENANT_ID) ?? '';
  const clientId = nonEmpty(env.AZURE_CLIENT_ID) ?? '';
  if (MULTI_TENANT_AUTHORITIES.has(tenantId.toLowerCase())) {
    throw new ConfigError(
      `AZURE_TENANT_ID must name one tenant (its id or domain) with INTUNE_MCP_HTTP_AUTH=entra, not "${tenantId}": the issuer of every accepted token is that tenant's.`,
    );
  }
  return {
    tenantId,
    clientId,
    audience: readTokenWord(env, 'INTUNE_MCP_HTTP_AUDIENCE') ?? `api://${clientId}`,
    scope: readTokenWord(env, 'INTUNE_MCP_HTTP_SCOPE') ?? SETTINGS.INTUNE_MCP_HTTP_SCOPE.default,
    credential: readOnBehalfOfCredential(env, auth),
  };
}

/** An audience or a scope name: one word (a token's `aud` is compared exactly, `scp` is split on spaces). */
function readTokenWord(env: Env, name: 'INTUNE_MCP_HTTP_AUDIENCE' | 'INTUNE_MCP_HTTP_SCOPE'): string | undefined {
  const value = nonEmpty(env[name]);
  if (value !== undefined && /\s/.test(value)) throw new ConfigError(`${name} must be one word without spaces.`);
  return value;
}

/**
 * The On-Behalf-Of exchange signs in as the app registration with its secret or certificate; INTUNE_MCP_AUTH may
 * name which one, and nothing else (callers are signed in by their own tokens, not by a server-wide credential).
 */
function readOnBehalfOfCredential(env: Env, auth: AuthMode): EntraResource['credential'] {
  const explicit = nonEmpty(env.INTUNE_MCP_AUTH) !== undefined;
  if (auth === 'token') {
    throw new ConfigError(
      'INTUNE_MCP_ACCESS_TOKEN is not used with INTUNE_MCP_HTTP_AUTH=entra: each caller reaches Graph with their own token (On-Behalf-Of). Unset it, or use INTUNE_MCP_HTTP_AUTH=none on loopback.',
    );
  }
  if (explicit && auth !== 'client-secret' && auth !== 'client-certificate') {
    throw new ConfigError(
      `INTUNE_MCP_AUTH=${auth} cannot be used with INTUNE_MCP_HTTP_AUTH=entra: the On-Behalf-Of exchange signs in as the app registration with its secret or certificate. Set INTUNE_MCP_AUTH to client-secret or client-certificate, or leave it unset.`,
    );
  }
  const secret = nonEmpty(env.AZURE_CLIENT_SECRET) !== undefined;
  const certificate = nonEmpty(env.AZURE_CLIENT_CERTIFICATE_PATH) !== undefined;
  const credential =
    auth === 'client-secret' || auth === 'client-certificate'
      ? auth
      : secret
        ? 'client-secret'
        : certificate
          ? 'client-certificate'
          : undefined;
  if (credential === undefined) {
    throw new ConfigError(
      "INTUNE_MCP_HTTP_AUTH=entra needs AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH: the app registration signs in with one of them to exchange each caller's token for Graph (On-Behalf-Of).",
    );
  }
  if (credential === 'client-certificate' && nonEmpty(env.AZURE_CLIENT_CERTIFICATE_PASSWORD) !== undefined) {
    throw new ConfigError(
      "AZURE_CLIENT_CERTIFICATE_PASSWORD cannot be used with INTUNE_MCP_HTTP_AUTH=entra: @azure/identity's On-Behalf-Of credential reads only an unencrypted key. Decrypt it (openssl pkey -in key.pem -out plain.pem) into a file only the server can read.",
    );
  }
  return credential;
}

/** What only matters when requests leave the process: the proxy, and the certificate file a sign-in will read. */
function checkNetworkSettings(env: Env, auth: AuthMode): void {
  const proxyProblem = proxyConfigProblem(env);
  if (proxyProblem) throw new ConfigError(proxyProblem);
  const certificatePath = nonEmpty(env.AZURE_CLIENT_CERTIFICATE_PATH);
  // DefaultAzureCredential reads the same file when the variable is set (its EnvironmentCredential).
  if (certificatePath !== undefined && (auth === 'client-certificate' || auth === 'default')) {
    // As @azure/identity reads it: the value as is, whitespace included.
    const password = env.AZURE_CLIENT_CERTIFICATE_PASSWORD || undefined;
    const problem = certificateFileProblem(certificatePath, password);
    if (problem) throw new ConfigError(problem);
  }
}

/**
 * A token pasted from a wrapped terminal carries a line break or spaces. Sent as is, every call fails (a header
 * cannot hold a line break; spaces make Graph refuse it) after all its retries; said now, it is one clear message.
 * Surrounding whitespace is trimmed. The token itself is never shown.
 */
function readAccessToken(env: Env, auth: AuthMode, simulate: boolean): string | undefined {
  const token = nonEmpty(env.INTUNE_MCP_ACCESS_TOKEN);
  if (token === undefined || simulate || auth !== 'token') return token;
  if (/[\r\n]/.test(token)) {
    throw new ConfigError(
      'INTUNE_MCP_ACCESS_TOKEN contains a line break (was it copied from a wrapped terminal?): set it again as one line.',
    );
  }
  if (/\s/.test(token)) {
    throw new ConfigError(
      'INTUNE_MCP_ACCESS_TOKEN contains whitespace inside the token: set only the token itself, without "Bearer " or spaces.',
    );
  }
  if (!/^[\x21-\x7e]+$/.test(token)) {
    throw new ConfigError(
      'INTUNE_MCP_ACCESS_TOKEN contains a character that cannot be in a bearer token (a control or non-ASCII character).',
    );
  }
  return token;
}

/** INTUNE_MCP_TOOLSETS: comma-separated, any case, blanks ignored; empty means every toolset. */
function readToolsets(env: Env): readonly Toolset[] {
  const given = (env.INTUNE_MCP_TOOLSETS ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
  if (given.length === 0) return TOOLSET_NAMES;
  const named = given.map((item) => item.toLowerCase());
  const unknown = given.filter((item) => !(TOOLSET_NAMES as readonly string[]).includes(item.toLowerCase()));
  if (unknown.length > 0) {
    throw new ConfigError(
      `INTUNE_MCP_TOOLSETS must be a comma-separated list of ${TOOLSET_NAMES.join(', ')}; unknown: ${unknown.map((item) => `"${item}"`).join(', ')}.`,
    );
  }
  return TOOLSET_NAMES.filter((name) => named.includes(name));
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function readCloudName(env: Env): CloudName {
  const value = nonEmpty(env.INTUNE_MCP_CLOUD)?.toLowerCase() ?? 'global';
  if (!(CLOUD_NAMES as string[]).includes(value)) {
    throw new ConfigError(`INTUNE_MCP_CLOUD must be one of ${CLOUD_NAMES.join(', ')}; got "${env.INTUNE_MCP_CLOUD}".`);
  }
  return value as CloudName;
}

/**
 * INTUNE_MCP_AUTH when set; otherwise a static INTUNE_MCP_ACCESS_TOKEN wins, then DefaultAzureCredential.
 * Simulate mode needs no credentials at all, so nothing is required of it.
 */
function readAuthMode(env: Env, simulate: boolean): AuthMode {
  const raw = nonEmpty(env.INTUNE_MCP_AUTH)?.toLowerCase();
  if (raw !== undefined && !(AUTH_MODE_NAMES as string[]).includes(raw)) {
    throw new ConfigError(
      `INTUNE_MCP_AUTH must be one of ${AUTH_MODE_NAMES.join(', ')}; got "${env.INTUNE_MCP_AUTH}".`,
    );
  }
  const mode = (raw as AuthMode | undefined) ?? (nonEmpty(env.INTUNE_MCP_ACCESS_TOKEN) ? 'token' : 'default');
  if (simulate) return mode;
  const missing = AUTH_MODES[mode].required.filter((name) => nonEmpty(env[name]) === undefined);
  if (missing.length > 0) {
    throw new ConfigError(
      `INTUNE_MCP_AUTH=${mode} needs ${missing.join(', ')}, which ${missing.length === 1 ? 'is' : 'are'} not set.`,
    );
  }
  const tenantId = nonEmpty(env.AZURE_TENANT_ID) ?? '';
  if (AUTH_MODES[mode].signsInAsApp && MULTI_TENANT_AUTHORITIES.has(tenantId.toLowerCase())) {
    throw new ConfigError(
      `AZURE_TENANT_ID must name one tenant, by its id or a domain (e.g. contoso.onmicrosoft.com), with INTUNE_MCP_AUTH=${mode}, not "${tenantId}": app-only sign-in needs the app's own tenant, and common, organizations and consumers are refused for it.`,
    );
  }
  return mode;
}

type BooleanSetting = {
  [Name in SettingName]: (typeof SETTINGS)[Name] extends { default: 'false' | 'true' } ? Name : never;
}[SettingName];

function readBoolean(env: Env, name: BooleanSetting): boolean {
  const value = nonEmpty(env[name])?.toLowerCase();
  if (value === undefined) return (SETTINGS[name].default as string) === 'true';
  if ((TRUE_WORDS as readonly string[]).includes(value)) return true;
  if ((FALSE_WORDS as readonly string[]).includes(value)) return false;
  throw new ConfigError(
    `${name} must be true or false (accepted, in any case: ${TRUE_WORDS.join(', ')} / ${FALSE_WORDS.join(', ')}); got "${env[name]}".`,
  );
}

type IntegerSetting = {
  [Name in SettingName]: (typeof SETTINGS)[Name] extends { range: readonly [number, number] } ? Name : never;
}[SettingName];

function readInteger(env: Env, name: IntegerSetting): number {
  const {
    default: fallback,
    range: [min, max],
  } = SETTINGS[name];
  const raw = nonEmpty(env[name]);
  if (raw === undefined) return Number(fallback);
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}; got "${raw}".`);
  }
  return value;
}

export { isLoopbackHost };

function readGraphUrl(env: Env, cloud: Cloud): string {
  const raw = nonEmpty(env.INTUNE_MCP_GRAPH_URL) ?? cloud.graphBaseUrl;
  const url = parseUrl(raw, 'INTUNE_MCP_GRAPH_URL');
  // Checked first, and the URL is then only ever shown without them: credentials in a URL are still credentials.
  if (url.username || url.password) {
    throw new ConfigError(
      'INTUNE_MCP_GRAPH_URL must not carry credentials (user:password@); the server signs in itself.',
    );
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new ConfigError(
      `INTUNE_MCP_GRAPH_URL must use https (plain http is allowed only for loopback hosts such as 127.0.0.1); got "${withoutUserInfo(raw)}".`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(`INTUNE_MCP_GRAPH_URL must be an https URL; got "${withoutUserInfo(raw)}".`);
  }
  if (url.search || url.hash) {
    throw new ConfigError('INTUNE_MCP_GRAPH_URL must not carry a query or fragment.');
  }
  // Both profile entity sets exist only in Graph beta: on v1.0 every call would fail. A path that names no version is
  // a gateway's, and is left to it.
  if (/\/v1\.0\/*$/i.test(url.pathname)) {
    throw new ConfigError(
      `INTUNE_MCP_GRAPH_URL ends in /v1.0, but the enrollment profiles this server manages exist only in Graph beta: use ${raw.replace(/\/v1\.0\/*$/i, '/beta')}.`,
    );
  }
  return url.href.replace(/\/+$/, '');
}

function readAuthorityHost(env: Env, cloud: Cloud): string {
  const raw = nonEmpty(env.AZURE_AUTHORITY_HOST);
  if (raw === undefined) return cloud.authorityHost;
  const url = parseUrl(raw, 'AZURE_AUTHORITY_HOST');
  if (url.username || url.password) {
    throw new ConfigError('AZURE_AUTHORITY_HOST must not carry credentials (user:password@).');
  }
  // MSAL refuses any authority that is not https, even on loopback; say so now rather than on the first call.
  if (url.protocol !== 'https:') {
    throw new ConfigError(
      `AZURE_AUTHORITY_HOST must be an https URL (Entra ID and MSAL require it); got "${withoutUserInfo(raw)}".`,
    );
  }
  return url.href.replace(/\/+$/, '');
}

/** Whatever stands before an @ in a URL may be a password: messages show the rest only. */
function withoutUserInfo(raw: string): string {
  const at = raw.lastIndexOf('@');
  if (at < 0) return raw;
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(raw)?.[0] ?? '';
  return `${scheme}…@${raw.slice(at + 1)}`;
}

function parseUrl(raw: string, name: string): URL {
  try {
    return new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a valid URL: "${withoutUserInfo(raw)}".`);
  }
}
