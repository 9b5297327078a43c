/**
 * Sign-in failures an admin can fix: the credential that was tried, Entra ID's AADSTS code, and what to do.
 * Codes: https://learn.microsoft.com/entra/identity-platform/reference-error-codes
 */

import { scrubSecrets } from '../security/secret-scrubber.js';
import { AUTH_MODE_NAMES } from './auth-modes.js';
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

export function describeAuthFailure(credential: string, error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const message = scrubSecrets(raw).replace(/\s+/g, ' ').trim();
  const codes = [...new Set(message.match(/AADSTS\d+/g) ?? [])];
  const fixes = codes.flatMap((code) => (FIXES[code] ? [`${code}: ${FIXES[code]}`] : []));
  const lines = [`Sign-in with ${credential} failed${codes.length ? ` (${codes.join(', ')})` : ''}.`];
  lines.push(`Details: ${message.length > 800 ? `${message.slice(0, 800)}…` : message}`);
  const messageFix = MESSAGE_FIXES.find(([name, pattern]) => credential.endsWith(name) && pattern.test(message))?.[2];
  if (fixes.length) lines.push(`Fix: ${fixes.join(' ')}`);
  else if (messageFix) lines.push(`Fix: ${messageFix}`);
  else if (/CredentialUnavailable|not available|unavailable/i.test(raw)) {
    lines.push(
      `Fix: configure a credential: set INTUNE_MCP_AUTH (${AUTH_MODE_NAMES.filter((mode) => mode !== 'default').join(', ')}) and the AZURE_* variables it needs, or run with --simulate to try the server without a tenant.`,
    );
  }
  return lines.join('\n');
}
