/**
 * The sign-in modes (INTUNE_MCP_AUTH) and the variables each one needs. The AZURE_* names are the ones
 * @azure/identity defines for the matching credential; checking them at start-up turns a missing variable into a
 * clear message instead of a failure on the agent's first call.
 */
export type AuthMode =
  | 'default'
  | 'client-secret'
  | 'client-certificate'
  | 'managed-identity'
  | 'workload-identity'
  | 'azure-cli'
  | 'device-code'
  | 'interactive-browser'
  | 'token';

interface AuthModeSpec {
  /** The @azure/identity class behind the mode, for messages. */
  readonly credential: string;
  readonly required: readonly string[];
  /** Delegated sign-in by a person (prompts); their tokens are refreshed silently, never by signing in again. */
  readonly interactive?: boolean;
  /**
   * Signs in as the app itself to AZURE_TENANT_ID (OAuth client credentials), which needs one tenant: MSAL refuses
   * common, organizations and consumers for it (missing_tenant_id_error). Not managed-identity: its token comes from
   * the Azure host, which never reads AZURE_TENANT_ID.
   */
  readonly signsInAsApp?: boolean;
}

export const AUTH_MODES: Readonly<Record<AuthMode, AuthModeSpec>> = {
  default: { credential: 'DefaultAzureCredential', required: [] },
  'client-secret': {
    credential: 'ClientSecretCredential',
    required: ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET'],
    signsInAsApp: true,
  },
  'client-certificate': {
    credential: 'ClientCertificateCredential',
    required: ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_CERTIFICATE_PATH'],
    signsInAsApp: true,
  },
  'managed-identity': { credential: 'ManagedIdentityCredential', required: [] },
  'workload-identity': {
    credential: 'WorkloadIdentityCredential',
    required: ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_FEDERATED_TOKEN_FILE'],
    signsInAsApp: true,
  },
  'azure-cli': { credential: 'AzureCliCredential', required: [] },
  'device-code': { credential: 'DeviceCodeCredential', required: [], interactive: true },
  'interactive-browser': { credential: 'InteractiveBrowserCredential', required: [], interactive: true },
  token: { credential: 'static bearer token', required: ['INTUNE_MCP_ACCESS_TOKEN'] },
};

export const AUTH_MODE_NAMES = Object.keys(AUTH_MODES) as AuthMode[];

export function describeAuthMode(mode: AuthMode): string {
  return `${mode} (${AUTH_MODES[mode].credential})`;
}
