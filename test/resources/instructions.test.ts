/** The instructions an agent gets at initialize name only what this deployment offers. */
import { describe, expect, it } from 'vitest';
import { serverInstructions } from '../../src/resources/instructions.js';
import { kindsIn, PROFILE_KINDS } from '../../src/resources/registry.js';

const options = { readOnly: false, revealSecrets: false, simulated: false };

describe('serverInstructions', () => {
  it('with both kinds, says the loop goes likewise for the other kind', () => {
    expect(serverInstructions({ ...options, kinds: PROFILE_KINDS })).toContain('(likewise for the other kind)');
  });

  it('with one toolset, names its tools and no other kind', () => {
    const text = serverInstructions({ ...options, kinds: kindsIn(['device-owner']) });
    expect(text).toContain('update-device-owner-enrollment-profile');
    expect(text).not.toContain('other kind');
    expect(text).not.toContain('update-enrollment-profile,');
  });
});
