import { getEnrollmentProfileTool } from './get-enrollment-profile.js';
import { listEnrollmentProfilesTool } from './list-enrollment-profiles.js';
import type { ToolDefinition } from './tool.js';
import { updateEnrollmentProfileTool } from './update-enrollment-profile.js';

/** Every tool, in the order an agent uses them: find, read, change. */
export const ALL_TOOLS: readonly ToolDefinition[] = [
  listEnrollmentProfilesTool,
  getEnrollmentProfileTool,
  updateEnrollmentProfileTool,
];
