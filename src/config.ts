/**
 * Environment and command line → a validated, typed Config. This is the one place that reads process.env for the
 * server's own settings (@azure/identity reads its AZURE_* variables itself). Every problem is reported naming the
 * variable, so a misconfigured server fails at start-up instead of on the agent's first call.
 */
import { AUTH_MODE_NAMES, AUTH_MODES, type AuthMode } from './auth/auth-modes.js';
import { CLOUD_NAMES, CLOUDS, type Cloud, type CloudName } from './auth/clouds.js';

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
}

/** The variables that hold secrets: scrubbed from every output, and flagged isSecret in server.json. */
export const SECRET_VARIABLES = [
  'INTUNE_MCP_ACCESS_TOKEN',
  'AZURE_CLIENT_SECRET',
  'AZURE_CLIENT_CERTIFICATE_PASSWORD',
  'AZURE_PASSWORD',
] as const;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

const KNOWN_FLAGS = new Set(['--simulate', '--read-only']);

export function loadConfig(env: Env = process.env, argv: readonly string[] = process.argv.slice(2)): Config {
  for (const arg of argv) {
    if (!KNOWN_FLAGS.has(arg)) {
      throw new ConfigError(`Unknown argument "${arg}". Supported: ${[...KNOWN_FLAGS].join(', ')}.`);
    }
  }
  const cloud = CLOUDS[readCloudName(env)];
  const simulate = argv.includes('--simulate') || readBoolean(env, 'INTUNE_MCP_SIMULATE', false);
  return {
    cloud,
    graphBaseUrl: readGraphUrl(env, cloud),
    auth: readAuthMode(env, simulate),
    accessToken: nonEmpty(env.INTUNE_MCP_ACCESS_TOKEN),
    authorityHost: readAuthorityHost(env, cloud),
    timeoutMs: readInteger(env, 'INTUNE_MCP_TIMEOUT_MS', 30_000, 1, 600_000),
    maxRetries: readInteger(env, 'INTUNE_MCP_MAX_RETRIES', 3, 0, 10),
    simulate,
    readOnly: argv.includes('--read-only') || readBoolean(env, 'INTUNE_MCP_READ_ONLY', false),
    revealEnrollmentTokens: readBoolean(env, 'INTUNE_MCP_REVEAL_ENROLLMENT_TOKENS', false),
    sendCertificateChain: readBoolean(env, 'AZURE_CLIENT_SEND_CERTIFICATE_CHAIN', false),
  };
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

function readBoolean(env: Env, name: string, fallback: boolean): boolean {
  const value = nonEmpty(env[name])?.toLowerCase();
  if (value === undefined) return fallback;
  if (['true', '1', 'yes', 'on'].includes(value)) return true;
  if (['false', '0', 'no', 'off'].includes(value)) return false;
  throw new ConfigError(`${name} must be true or false; got "${env[name]}".`);
}

function readInteger(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = nonEmpty(env[name]);
  if (raw === undefined) return fallback;
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
