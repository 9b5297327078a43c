/** The toolsets INTUNE_MCP_TOOLSETS accepts (src/settings.ts) are exactly those the registered kinds offer. */
import { describe, expect, it } from 'vitest';
import { buildTools, PROFILE_KINDS } from '../../src/resources/registry.js';
import { TOOLSET_NAMES } from '../../src/settings.js';

describe('registry', () => {
  it('every toolset name has its kind, and every kind a toolset name', () => {
    expect(PROFILE_KINDS.map((kind) => kind.toolset)).toEqual([...TOOLSET_NAMES]);
  });
  it('every tool belongs to a known toolset', () => {
    for (const tool of buildTools()) {
      expect(
        tool.toolsets.every((toolset) => (TOOLSET_NAMES as readonly string[]).includes(toolset)),
        tool.name,
      ).toBe(true);
    }
  });
});
