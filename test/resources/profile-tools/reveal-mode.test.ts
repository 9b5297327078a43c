/** With INTUNE_MCP_REVEAL_ENROLLMENT_TOKENS=true the operator sees the secrets, and the QR code comes as an image. */
import { describe, expect, it } from 'vitest';
import { DEVICE_OWNER_SEED_IDS } from '../../../src/resources/android-device-owner/seed-profiles.js';
import { textOf } from '../../helpers/mcp-harness.js';
import { useServerOnSimulator } from '../../helpers/server-on-simulator.js';

const e2e = useServerOnSimulator({}, { INTUNE_MCP_REVEAL_ENROLLMENT_TOKENS: 'true' });

describe('reveal mode', () => {
  it('create-device-owner-enrollment-token returns the token, the Wi-Fi key and the QR code as an image block', async () => {
    const id = DEVICE_OWNER_SEED_IDS.aospUserless;
    const result = await e2e.server.call('create-device-owner-enrollment-token', {
      id,
      tokenValidityInSeconds: 86_400,
    });
    expect(result.isError, textOf(result)).toBeFalsy();
    const stored = e2e.sim.deviceOwnerProfiles.get(id) ?? {};
    expect(result.structuredContent).toMatchObject({
      tokenValue: stored.tokenValue,
      wifiPassword: stored.wifiPassword,
    });
    const image = result.content.find((block) => block.type === 'image');
    expect(image).toMatchObject({ type: 'image', mimeType: 'image/png' });
    const bytes = Buffer.from((image as { data: string }).data, 'base64');
    expect([...bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(textOf(result)).not.toContain('redacted');
  });
});
