/**
 * The Microsoft Graph permission this server's sign-in needs: reading and changing Intune enrollment profiles, and
 * their token actions, take DeviceManagementConfiguration.ReadWrite.All (delegated or application).
 * https://learn.microsoft.com/graph/api/intune-androidforwork-androidforworkenrollmentprofile-update#permissions
 */
export const GRAPH_PERMISSION = 'DeviceManagementConfiguration.ReadWrite.All';
