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
import { FALSE_WORDS, FLAGS, SETTINGS, type SettingName, TOOLSET_NAMES, type Toolset, TRUE_WORDS } from './settings.js';

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
}

export { SECRET_VARIABLES } from './settings.js';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

/** The flags a running server takes; --help and --version are answered before the configuration is read (cli.ts). */
const SERVER_FLAGS = new Set(['--simulate', '--read-only']);

export function loadConfig(env: Env = process.env, argv: readonly string[] = process.argv.slice(2)): Config {
  for (const arg of argv) {
    if (!SERVER_FLAGS.has(arg)) {
      throw new ConfigError(`Unknown argument "${arg}". Supported: ${FLAGS.map((flag) => flag.name).join(', ')}.`);
    }
  }
  const cloud = CLOUDS[readCloudName(env)];
  const simulate = argv.includes('--simulate') || readBoolean(env, 'INTUNE_MCP_SIMULATE');
  const auth = readAuthMode(env, simulate);
  if (!simulate) checkNetworkSettings(env, auth);
  return {
    cloud,
    graphBaseUrl: readGraphUrl(env, cloud),
    auth,
    accessToken: readAccessToken(env, auth, simulate),
    authorityHost: readAuthorityHost(env, cloud),
    timeoutMs: readInteger(env, 'INTUNE_MCP_TIMEOUT_MS'),
    maxRetries: readInteger(env, 'INTUNE_MCP_MAX_RETRIES'),
    simulate,
    readOnly: argv.includes('--read-only') || readBoolean(env, 'INTUNE_MCP_READ_ONLY'),
    revealEnrollmentTokens: readBoolean(env, 'INTUNE_MCP_REVEAL_ENROLLMENT_TOKENS'),
    sendCertificateChain: readBoolean(env, 'AZURE_CLIENT_SEND_CERTIFICATE_CHAIN'),
    toolsets: readToolsets(env),
  };
}

/** What only matters when requests leave the process: the proxy, and the certificate file a sign-in will read. */
function checkNetworkSettings(env: Env, auth: AuthMode): void {
  const proxyProblem = proxyConfigProblem(env);
  if (proxyProblem) throw new ConfigError(proxyProblem);
  const certificatePath = nonEmpty(env.AZURE_CLIENT_CERTIFICATE_PATH);
  // DefaultAzureCredential reads the same file when the variable is set (its EnvironmentCredential).
  if (certificatePath !== undefined && (auth === 'client-certificate' || auth === 'default')) {
    const problem = certificateFileProblem(certificatePath);
    if (problem) throw new ConfigError(`AZURE_CLIENT_CERTIFICATE_PATH ${problem}`);
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

/** Loopback hosts may use plain http (a local simulator or test server); everything else must be https. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

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
