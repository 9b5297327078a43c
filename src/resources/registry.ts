/**
 * Every resource this server manages, and the tools they make. Adding a kind of profile is one folder under
 * src/resources/ (its schema and its ProfileKind declaration) plus one line in PROFILE_KINDS.
 */
import type { ToolDefinition } from '../mcp/tool.js';
import { androidDeviceOwner } from './android-device-owner/android-device-owner.js';
import { androidForWork } from './android-for-work/android-for-work.js';
import { findExpiringTool } from './profile-tools/find-expiring-tool.js';
import type { ProfileKind } from './profile-tools/profile-kind.js';
import { profileTools } from './profile-tools/profile-tools.js';

export const PROFILE_KINDS: readonly ProfileKind[] = [androidForWork, androidDeviceOwner];

/** Every tool of the given kinds (all of them by default), each kind's six, then the tools that span kinds. */
export function buildTools(kinds: readonly ProfileKind[] = PROFILE_KINDS): ToolDefinition[] {
  return [
    ...kinds.flatMap((kind) =>
      profileTools(
        kind,
        kinds.filter((other) => other !== kind),
      ),
    ),
    findExpiringTool(kinds),
  ];
}

/** The kinds an INTUNE_MCP_TOOLSETS selection enables. */
export function kindsIn(toolsets: readonly string[]): ProfileKind[] {
  return PROFILE_KINDS.filter((kind) => toolsets.includes(kind.toolset));
}
