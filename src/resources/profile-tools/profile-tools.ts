/** The six tools of one profile kind, in the order an agent uses them: find, read, preview, change, tokens. */
import type { ToolDefinition } from '../../mcp/tool.js';
import { getTool } from './get-tool.js';
import { listTool } from './list-tool.js';
import { previewTool } from './preview-tool.js';
import type { ProfileKind } from './profile-kind.js';
import { createTokenTool, revokeTokenTool } from './token-tools.js';
import { updateTool } from './update-tool.js';

/** `others`: the other kinds, so a 404 can name the tool that handles an id of theirs. */
export function profileTools(kind: ProfileKind, others: readonly ProfileKind[]): ToolDefinition[] {
  return [
    listTool(kind),
    getTool(kind, others),
    previewTool(kind, others),
    updateTool(kind, others),
    createTokenTool(kind, others),
    revokeTokenTool(kind, others),
  ];
}
