/**
 * The one list of what the server can be told: its flags and every environment variable it reads or documents, with
 * what each means, its default, whether it is a secret and which sign-in modes use it. `--help` prints it; config.ts
 * takes defaults, ranges and choices from it; the secret scrubber registers the secret ones; and tests hold the
 * README's configuration table and server.json to it, so none of them can drift from the code.
 */
import { AUTH_MODE_NAMES, AUTH_MODES, type AuthMode } from './auth/auth-modes.js';
import { CLOUD_NAMES } from './auth/clouds.js';

/**
 * `all`: whatever the sign-in mode. `network`: every mode that sends requests (not --simulate). `http`: the HTTP
 * transport (--http). A list: those sign-in modes, and `http-entra` for HTTP with Entra ID (INTUNE_MCP_HTTP_AUTH=entra),
 * whose On-Behalf-Of exchange signs in as the app registration.
 */
export type UsedBy = 'all' | 'network' | 'http' | readonly (AuthMode | 'http-entra')[];

export interface Setting {
  readonly description: string;
  /** As shown to a person; absent when unset means "not used". */
  readonly default?: string;
  /** Scrubbed from all output, and flagged isSecret in server.json. */
  readonly secret?: true;
  readonly usedBy: UsedBy;
  /** The values accepted, when they are a fixed set. */
  readonly choices?: readonly string[];
  /** A whole number in this range. */
  readonly range?: readonly [min: number, max: number];
  /** The flag that sets the same thing. */
  readonly flag?: string;
}

/** Everything that accepts a boolean takes these, in any case. */
export const TRUE_WORDS = ['true', '1', 'yes', 'on'] as const;
export const FALSE_WORDS = ['false', '0', 'no', 'off'] as const;

export const TOOLSET_NAMES = ['android-for-work', 'device-owner'] as const;
export type Toolset = (typeof TOOLSET_NAMES)[number];

const APP_ONLY: readonly AuthMode[] = AUTH_MODE_NAMES.filter((mode) => AUTH_MODES[mode].signsInAsApp);

export const HTTP_AUTH_MODES = ['entra', 'none'] as const;
export type HttpAuthMode = (typeof HTTP_AUTH_MODES)[number];

export const SETTINGS = {
  INTUNE_MCP_AUTH: {
    description: `Sign-in mode: ${AUTH_MODE_NAMES.join(', ')}.`,
    default: 'token if INTUNE_MCP_ACCESS_TOKEN is set, else default',
    usedBy: 'all',
    choices: AUTH_MODE_NAMES,
  },
  INTUNE_MCP_ACCESS_TOKEN: {
    description: 'A Graph bearer token used as is (mode token); expires after about an hour, not refreshed.',
    secret: true,
    usedBy: ['token'],
  },
  INTUNE_MCP_CLOUD: {
    description: 'Microsoft cloud: sets the Graph host, the sign-in authority and the token scope together.',
    default: 'global',
    usedBy: 'all',
    choices: CLOUD_NAMES,
  },
  INTUNE_MCP_GRAPH_URL: {
    description:
      'Graph base URL with the version segment: beta (not v1.0, which lacks the enrollment profiles). https only (plain http only for loopback).',
    default: "the cloud's https://…/beta",
    usedBy: 'all',
  },
  INTUNE_MCP_TIMEOUT_MS: {
    description: 'Timeout of each Graph request attempt and of a non-interactive sign-in, in ms.',
    default: '30000',
    usedBy: 'all',
    range: [1, 600_000],
  },
  INTUNE_MCP_MAX_RETRIES: {
    description: 'Retries of a throttled (429) or unavailable (503, 504) request and of a dropped connection.',
    default: '3',
    usedBy: 'all',
    range: [0, 10],
  },
  INTUNE_MCP_SIMULATE: {
    description: 'true: serve the built-in in-memory Graph; no tenant is contacted, no credentials are used.',
    default: 'false',
    usedBy: 'all',
    flag: '--simulate',
  },
  INTUNE_MCP_READ_ONLY: {
    description: 'true: offer only the reading tools.',
    default: 'false',
    usedBy: 'all',
    flag: '--read-only',
  },
  INTUNE_MCP_REVEAL_ENROLLMENT_TOKENS: {
    description: 'true: show enrollment token values (tokenValue, the QR code) instead of [redacted].',
    default: 'false',
    usedBy: 'all',
  },
  INTUNE_MCP_TOOLSETS: {
    description: `Comma-separated toolsets to offer: ${TOOLSET_NAMES.join(', ')}.`,
    default: TOOLSET_NAMES.join(','),
    usedBy: 'all',
    choices: TOOLSET_NAMES,
  },
  INTUNE_MCP_HTTP: {
    description:
      'Serve MCP over Streamable HTTP at POST /mcp on [host:]port (host 127.0.0.1 unless given; port 0: any free port) instead of stdio.',
    usedBy: 'all',
    flag: '--http',
  },
  INTUNE_MCP_HTTP_AUTH: {
    description:
      'HTTP callers: entra (Entra ID access tokens; Graph On-Behalf-Of each user) or none (loopback only; the server signs in itself).',
    default: 'entra (none with --simulate)',
    usedBy: 'http',
    choices: HTTP_AUTH_MODES,
  },
  INTUNE_MCP_HTTP_PUBLIC_URL: {
    description:
      'The https base URL clients reach the server at (TLS ends at the balancer); required unless the server listens on loopback.',
    default: 'the listen URL, on loopback',
    usedBy: 'http',
  },
  INTUNE_MCP_HTTP_AUDIENCE: {
    description: "Application ID URI accepted as the token's audience, besides the client id that v2 tokens carry.",
    default: 'api://<AZURE_CLIENT_ID>',
    usedBy: 'http',
  },
  INTUNE_MCP_HTTP_SCOPE: {
    description: "Delegated scope a caller's token must carry (scp) to call the server.",
    default: 'access_as_user',
    usedBy: 'http',
  },
  INTUNE_MCP_HTTP_MAX_CONCURRENT_CALLS: {
    description: 'Tool calls one server process runs at once; more are answered 503 with Retry-After.',
    default: '256',
    usedBy: 'http',
    range: [1, 100_000],
  },
  AZURE_TENANT_ID: {
    description:
      'Tenant (directory) id or domain; app-only sign-in needs one tenant, not common, organizations or consumers.',
    usedBy: ['default', ...APP_ONLY, 'azure-cli', 'device-code', 'interactive-browser', 'http-entra'],
  },
  AZURE_CLIENT_ID: {
    description: 'Application (client) id of the app registration, or of a user-assigned managed identity.',
    usedBy: ['default', ...APP_ONLY, 'managed-identity', 'device-code', 'interactive-browser', 'http-entra'],
  },
  AZURE_CLIENT_SECRET: {
    description: "The client secret's Value.",
    secret: true,
    usedBy: ['default', 'client-secret', 'http-entra'],
  },
  AZURE_CLIENT_CERTIFICATE_PATH: {
    description: 'PEM file with the certificate and its private key (convert a PFX with openssl first).',
    usedBy: ['default', 'client-certificate', 'http-entra'],
  },
  AZURE_CLIENT_CERTIFICATE_PASSWORD: {
    description: 'Password of the private key in that file, if it is encrypted.',
    secret: true,
    usedBy: ['default', 'client-certificate'],
  },
  AZURE_CLIENT_SEND_CERTIFICATE_CHAIN: {
    description: 'true: send the certificate chain (subject name/issuer authentication).',
    default: 'false',
    usedBy: ['default', 'client-certificate', 'http-entra'],
  },
  AZURE_FEDERATED_TOKEN_FILE: {
    description: 'File with the federated token (e.g. Kubernetes workload identity).',
    usedBy: ['default', 'workload-identity'],
  },
  AZURE_AUTHORITY_HOST: {
    description: 'Entra ID authority, https.',
    default: "the cloud's",
    usedBy: ['default', ...APP_ONLY, 'device-code', 'interactive-browser', 'http-entra'],
  },
  AZURE_USERNAME: {
    description: "User name for DefaultAzureCredential's username/password sign-in (not recommended).",
    usedBy: ['default'],
  },
  AZURE_PASSWORD: {
    description: 'Password for that sign-in.',
    secret: true,
    usedBy: ['default'],
  },
  HTTPS_PROXY: {
    description:
      'Proxy for sign-in and Graph, http://[user:password@]host:port; wins over ALL_PROXY and HTTP_PROXY. Lower case too.',
    usedBy: 'network',
  },
  ALL_PROXY: {
    description: 'Proxy when HTTPS_PROXY is not set. Lower case too.',
    usedBy: 'network',
  },
  HTTP_PROXY: {
    description: 'Proxy when neither HTTPS_PROXY nor ALL_PROXY is set. Lower case too.',
    usedBy: 'network',
  },
  NO_PROXY: {
    description:
      'Comma-separated hosts reached directly: an exact host name or IP, or .example.com for a domain and its subdomains. Lower case too.',
    usedBy: 'network',
  },
} as const satisfies Record<string, Setting>;

export type SettingName = keyof typeof SETTINGS;

export const SETTING_NAMES = Object.keys(SETTINGS) as SettingName[];

/** The variables that hold secrets: scrubbed from every output, and flagged isSecret in server.json. */
export const SECRET_VARIABLES: readonly SettingName[] = SETTING_NAMES.filter(
  (name) => (SETTINGS[name] as Setting).secret === true,
);

export interface Flag {
  readonly name: string;
  readonly description: string;
}

export const FLAGS: readonly Flag[] = [
  { name: '--simulate', description: 'Serve the built-in Graph simulator (INTUNE_MCP_SIMULATE=true).' },
  { name: '--read-only', description: 'Offer only the reading tools (INTUNE_MCP_READ_ONLY=true).' },
  {
    name: '--http [host:]port',
    description: 'Serve MCP over Streamable HTTP at POST /mcp instead of stdio (INTUNE_MCP_HTTP).',
  },
  { name: '--help', description: 'Show this help and exit.' },
  { name: '--version', description: 'Show the version and exit.' },
];
