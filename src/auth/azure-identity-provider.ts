/**
 * Tokens from @azure/identity, for every INTUNE_MCP_AUTH mode but `token`. The library costs ~200 ms to import, so
 * it is loaded on first need (or in the background after the MCP handshake), never on the start-up path.
 */
import type { AccessToken, TokenCredential } from '@azure/identity';
import type { Logger } from '../logging.js';
import { forgetSecret, registerSecret } from '../security/secret-scrubber.js';
import type { AccessTokenProvider } from './access-token-provider.js';
import { describeAuthFailure, SignInTimeoutError } from './auth-errors.js';
import { AUTH_MODES, type AuthMode, describeAuthMode } from './auth-modes.js';
import { type AuthorityTrace, authorityTrace } from './authority-trace.js';
import { describeAuthority, isKnownAuthorityHost } from './clouds.js';
import { TokenCache } from './token-cache.js';

export interface AzureIdentityOptions {
  readonly mode: Exclude<AuthMode, 'token'>;
  readonly scope: string;
  readonly authorityHost: string;
  /** The AZURE_* variables (process.env); @azure/identity defines their meaning. */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly logger: Logger;
  /** Bounds a non-interactive sign-in like a Graph attempt (INTUNE_MCP_TIMEOUT_MS): a hung token endpoint must not hang the call. */
  readonly timeoutMs: number;
  readonly sendCertificateChain: boolean;
}

let identityModule: Promise<typeof import('@azure/identity')> | undefined;

/** @azure/identity, imported once, on first need. */
export function loadIdentity(): Promise<typeof import('@azure/identity')> {
  identityModule ??= import('@azure/identity').catch((error: unknown) => {
    identityModule = undefined; // a failed import is retried on the next call, not remembered
    throw error;
  });
  return identityModule;
}

export function preloadAzureIdentity(): void {
  loadIdentity().catch(() => undefined); // a failure here is reported on first use
}

export function azureIdentityTokenProvider(options: AzureIdentityOptions): AccessTokenProvider {
  const description = describeAuthMode(options.mode);
  let credential: Promise<TokenCredential> | undefined;
  let previous: string | undefined;
  let issued: string | undefined;
  const trace = authorityTrace();

  const cache = new TokenCache(async (fresh) => {
    // After a 401 the token cached inside MSAL is the one Graph refused; a new credential has an empty cache and
    // really asks Entra ID. People signing in interactively keep theirs (a new one would prompt them again).
    if (fresh && !AUTH_MODES[options.mode].interactive) credential = undefined;
    credential ??= createCredential(options, trace);
    trace.clear();
    try {
      const token = AUTH_MODES[options.mode].interactive
        ? await (await credential).getToken(options.scope)
        : await requestTokenWithin(await credential, options.scope, options.timeoutMs, options.authorityHost);
      if (!token) throw new Error(`${description} returned no token.`);
      // The scrubber knows the token in use and the one before it (a call sent with it may still be answering), not
      // every token of a long session (JWTs are caught by their shape anyway).
      forgetSecret(previous);
      previous = issued;
      issued = token.token;
      registerSecret(issued);
      return token;
    } catch (error) {
      credential = undefined; // a credential that failed to build or to sign in is made anew next time
      const context = { authorityHost: options.authorityHost, lastFailure: trace.lastFailure() };
      throw new Error(describeAuthFailure(description, error, context));
    }
  });

  return { description, canRefresh: true, getToken: (request) => cache.getToken(request) };
}

/**
 * A service sign-in bounded like a Graph attempt (INTUNE_MCP_TIMEOUT_MS). A person signing in (device code, browser)
 * takes as long as it takes, so interactive modes do not come here.
 */
export function requestTokenWithin(
  credential: TokenCredential,
  scope: string,
  timeoutMs: number,
  authorityHost: string,
): Promise<AccessToken | null> {
  const limit = AbortSignal.timeout(timeoutMs);
  const timedOut = new Promise<never>((_, reject) => {
    limit.addEventListener('abort', () =>
      reject(
        new SignInTimeoutError(
          `Timed out: Entra ID (${describeAuthority(authorityHost)}) gave no token within ${timeoutMs} ms (INTUNE_MCP_TIMEOUT_MS). Check that it is reachable from here (proxy, firewall).`,
        ),
      ),
    );
  });
  return Promise.race([credential.getToken(scope, { abortSignal: limit }), timedOut]);
}

/** The @azure/identity credential for a mode; exported for the credential-selection unit test. */
export async function createCredential(
  options: AzureIdentityOptions,
  trace?: AuthorityTrace,
): Promise<TokenCredential> {
  const identity = await loadIdentity();
  const { env, authorityHost } = options;
  // MSAL asks login.microsoftonline.com to vouch for any authority it does not know, which fails for private and
  // test authorities; those must skip instance discovery.
  const common = {
    authorityHost,
    disableInstanceDiscovery: !isKnownAuthorityHost(authorityHost),
    additionalPolicies: trace?.additionalPolicies,
  };
  const tenantId = env.AZURE_TENANT_ID;
  const clientId = env.AZURE_CLIENT_ID;
  const required = (value: string | undefined) => value ?? ''; // presence was checked at start-up (config.ts)
  switch (options.mode) {
    case 'default':
      return new identity.DefaultAzureCredential(common);
    case 'client-secret':
      return new identity.ClientSecretCredential(
        required(tenantId),
        required(clientId),
        required(env.AZURE_CLIENT_SECRET),
        common,
      );
    case 'client-certificate':
      return new identity.ClientCertificateCredential(
        required(tenantId),
        required(clientId),
        {
          certificatePath: required(env.AZURE_CLIENT_CERTIFICATE_PATH),
          certificatePassword: env.AZURE_CLIENT_CERTIFICATE_PASSWORD,
        },
        { ...common, sendCertificateChain: options.sendCertificateChain },
      );
    case 'managed-identity':
      return clientId ? new identity.ManagedIdentityCredential({ clientId }) : new identity.ManagedIdentityCredential();
    case 'workload-identity':
      return new identity.WorkloadIdentityCredential({
        ...common,
        tenantId,
        clientId,
        tokenFilePath: env.AZURE_FEDERATED_TOKEN_FILE,
      });
    case 'azure-cli':
      return new identity.AzureCliCredential({ tenantId });
    case 'device-code':
      return new identity.DeviceCodeCredential({
        ...common,
        tenantId,
        clientId,
        // The prompt must reach the person: stderr and an MCP log notification, never stdout.
        userPromptCallback: (info) => void options.logger.warning(`Sign-in required: ${info.message}`),
      });
    case 'interactive-browser':
      return new identity.InteractiveBrowserCredential({ ...common, tenantId, clientId });
  }
}
