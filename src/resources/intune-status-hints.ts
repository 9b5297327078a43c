/**
 * What an operator should do about an HTTP status from Intune's part of Graph: the permission, the Intune role and
 * scope tags, Intune's throttling limits (../shared/reference/graph-android-enrollment.md).
 */
import { GRAPH_PERMISSION } from '../auth/graph-permission.js';
import type { StatusHints } from '../graph/graph-errors.js';

export const INTUNE_STATUS_HINTS: StatusHints = {
  401: `the access token was refused. Check that it is for this cloud's Graph and not expired; the app needs the ${GRAPH_PERMISSION} permission with admin consent granted.`,
  403: `the caller lacks permission. Grant the app (or user) the Microsoft Graph permission ${GRAPH_PERMISSION} and have an admin grant consent (Entra admin center → App registrations → API permissions → Grant admin consent). With delegated sign-in the user also needs an Intune role that covers enrollment profiles (e.g. Policy and Profile Manager) and scope tags that include the profile (roleScopeTagIds). The tenant also needs an active Intune license.`,
  409: 'the profile changed at the same time; read it again and retry.',
  429: 'Graph throttled the request (Intune allows about 100 writes and 1,000 requests per 20 seconds per app and tenant); wait and retry.',
};
