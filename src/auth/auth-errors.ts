/**
 * Sign-in failures an admin can fix: the credential that was tried, Entra ID's AADSTS code, and what to do.
 * Codes: https://learn.microsoft.com/entra/identity-platform/reference-error-codes
 */

import { scrubSecrets } from '../security/secret-scrubber.js';
import { AUTH_MODE_NAMES } from './auth-modes.js';
import type { AuthorityFailure } from './authority-trace.js';
import { describeAuthority } from './clouds.js';
import { GRAPH_PERMISSION } from './graph-permission.js';

const FIXES: Record<string, string> = {
  AADSTS7000215:
    "the client secret is wrong. Set AZURE_CLIENT_SECRET to the secret's Value (not its Secret ID) from App registrations → Certificates & secrets.",
  AADSTS7000222: 'the client secret has expired. Create a new one under App registrations → Certificates & secrets.',
  AADSTS700016:
    'no application with this AZURE_CLIENT_ID exists in the tenant AZURE_TENANT_ID. Check both ids, and that INTUNE_MCP_CLOUD matches the cloud the app is registered in.',
  AADSTS90002:
    'the tenant AZURE_TENANT_ID was not found. Check the id, and that INTUNE_MCP_CLOUD names the right cloud.',
  AADSTS900023: 'AZURE_TENANT_ID is not a valid tenant id or domain.',
  AADSTS700027:
    'the client assertion was refused: upload the certificate (public key) to the app registration, or check AZURE_CLIENT_CERTIFICATE_PATH points to the matching private key.',
  AADSTS700024: 'the client assertion is not within its valid time range: check the machine clock.',
  AADSTS65001: `consent is missing: an admin must grant consent for the Microsoft Graph permission ${GRAPH_PERMISSION}.`,
  AADSTS500011:
    "the Graph resource was not found in this tenant's cloud: INTUNE_MCP_CLOUD probably does not match the cloud of the tenant.",
  AADSTS70011: `the scope is invalid: the app must request Microsoft Graph (${GRAPH_PERMISSION} via .default).`,
  AADSTS50076: 'multi-factor authentication is required: use INTUNE_MCP_AUTH=device-code or interactive-browser.',
  AADSTS50079: 'multi-factor authentication enrollment is required: sign in once interactively.',
  AADSTS53003: 'a Conditional Access policy blocked the sign-in; ask the tenant admin.',
  AADSTS7000112: 'the application is disabled in the tenant.',
  AADSTS50126: 'the user name or password is wrong.',
  // On-Behalf-Of (HTTP mode): the caller's token is the assertion.
  AADSTS50013:
    "the caller's token cannot be exchanged: it must be issued for this server's app registration (AZURE_CLIENT_ID), in this tenant, and be signed by Entra ID.",
  AADSTS500133:
    "the caller's token expired before it could be exchanged: the client must get a new one and call again.",
  AADSTS90033: 'a transient error at Entra ID: nothing needs to change here; call again in a little while.',
};

/**
 * Failures without an AADSTS code that still have a known fix, found by the credential and what the library says.
 * Keyed by credential too: DefaultAzureCredential's summary also mentions `az login`, but there the fix is to
 * configure a credential at all.
 */
const MESSAGE_FIXES: readonly (readonly [credential: string, message: RegExp, fix: string])[] = [
  [
    '(AzureCliCredential)',
    /az login/i,
    'sign in to the Azure CLI with `az login --tenant <tenant id>` as a user who may manage Intune (in a national cloud run `az cloud set --name AzureUSGovernment` or `AzureChinaCloud` first), or choose another INTUNE_MCP_AUTH mode.',
  ],
];

/** A non-interactive sign-in that outlasted INTUNE_MCP_TIMEOUT_MS. */
export class SignInTimeoutError extends Error {
  override readonly name = 'SignInTimeoutError';
}

/** Where sign-in went, for the failures Entra ID gave no AADSTS code for. */
export interface SignInContext {
  /** AZURE_AUTHORITY_HOST, or the cloud's. */
  readonly authorityHost: string;
  /** How the last request to the authority failed, when it is known (authority-trace.ts). */
  readonly lastFailure?: AuthorityFailure;
}

export function describeAuthFailure(credential: string, error: unknown, context?: SignInContext): string {
  const raw = error instanceof Error ? error.message : String(error);
  const message = scrubSecrets(raw).replace(/\s+/g, ' ').trim();
  const codes = [...new Set(message.match(/AADSTS\d+/g) ?? [])];
  const lines = [`Sign-in with ${credential} failed${codes.length ? ` (${codes.join(', ')})` : ''}.`];
  lines.push(`Details: ${message.length > 800 ? `${message.slice(0, 800)}…` : message}`);
  const fix = codeFix(codes) ?? messageFix(credential, message);
  if (fix) return [...lines, `Fix: ${fix}`].join('\n');
  // Without a known code, what the network did is the best evidence there is.
  const failure = context?.lastFailure;
  if (failure) lines.push(`Last request to ${failure.host}: ${failure.outcome}.`);
  const otherFix = failureFix(error, message, context);
  if (otherFix) lines.push(`Fix: ${otherFix}`);
  return lines.join('\n');
}

function codeFix(codes: readonly string[]): string | undefined {
  const fixes = codes.flatMap((code) => (FIXES[code] ? [`${code}: ${FIXES[code]}`] : []));
  return fixes.length ? fixes.join(' ') : undefined;
}

function messageFix(credential: string, message: string): string | undefined {
  return MESSAGE_FIXES.find(([name, pattern]) => credential.endsWith(name) && pattern.test(message))?.[2];
}

/**
 * Failures without a code of their own, most specific first. @azure/identity reports an authority it could not reach
 * as a CredentialUnavailableError, so the network is looked at before "no credential is configured".
 */
function failureFix(error: unknown, message: string, context: SignInContext | undefined): string | undefined {
  const failure = context?.lastFailure;
  const timedOut = error instanceof SignInTimeoutError;
  // Retries of a connection that keeps failing can outlast INTUNE_MCP_TIMEOUT_MS: then only the trace knows why.
  if (
    /\b(endpoints_resolution_error|network_error)\b/.test(message) ||
    (timedOut && failure && failure.kind !== 'http')
  ) {
    return unreachableFix(context?.authorityHost, failure);
  }
  // So can retries of a 5xx, which would otherwise read as a time-out.
  if (/\b(temporarily_unavailable|server_error)\b|Status code: 5\d\d/.test(message) || (failure?.status ?? 0) >= 500) {
    return TEMPORARY_FIX;
  }
  if (isCredentialUnavailable(error, message)) return CONFIGURE_FIX;
  return undefined;
}

const TEMPORARY_FIX =
  "Entra ID had a temporary failure on its side (a 5xx answer or temporarily_unavailable): nothing in this server's configuration needs to change. Try again in a few minutes; if it persists, check the service health of Microsoft Entra ID.";

const CONFIGURE_FIX = `configure a credential: set INTUNE_MCP_AUTH (${AUTH_MODE_NAMES.filter((mode) => mode !== 'default').join(', ')}) and the AZURE_* variables it needs, or run with --simulate to try the server without a tenant.`;

function unreachableFix(authorityHost: string | undefined, failure: AuthorityFailure | undefined): string {
  const entra = `Entra ID${authorityHost ? ` (${describeAuthority(authorityHost)})` : ''}`;
  const tls =
    'if a proxy or security product inspects TLS, set NODE_EXTRA_CA_CERTS to a PEM file with its root CA certificate';
  if (failure?.kind === 'certificate')
    return `${entra} presented a TLS certificate this machine does not trust: ${tls}.`;
  return `${entra} could not be reached from this machine. Check the network and firewall, the proxy variables (HTTPS_PROXY, NO_PROXY) if HTTPS must go through a proxy, and that the host name resolves (DNS); ${tls}.`;
}

/** A credential that could not even try (nothing configured for it): by its class name, never by a loose "unavailable". */
function isCredentialUnavailable(error: unknown, message: string): boolean {
  // DefaultAzureCredential's AggregateAuthenticationError lists each credential's error as "Name: message".
  return (
    (error instanceof Error && error.name === 'CredentialUnavailableError') ||
    /\bCredentialUnavailableError\b/.test(message)
  );
}
