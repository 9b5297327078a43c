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

  it('a QR image that is not standard base64 is left out of the image blocks; the token result still arrives', async () => {
    const id = DEVICE_OWNER_SEED_IDS.dedicated;
    const stored = e2e.sim.deviceOwnerProfiles.get(id) ?? {};
    // The read after the action shows an image value in base64url, which a client would refuse as image data.
    const odd = { ...stored, qrCodeImage: { type: 'image/png', value: 'iVBORw0KGgo-_AAA' } };
    e2e.sim.addFaults(
      { method: 'GET', passThrough: true }, // the read before the action, answered normally
      { method: 'GET', status: 200, body: JSON.stringify(odd) },
    );
    const call = e2e.server.call('create-device-owner-enrollment-token', { id, tokenValidityInSeconds: 86_400 });
    const result = await call;
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(result.content.some((block) => block.type === 'image')).toBe(false);
    expect(textOf(result)).toContain('A new enrollment token was created');
  });

  it('the stderr line of a failed call hides a token Graph echoes, although the result shows it', async () => {
    const id = DEVICE_OWNER_SEED_IDS.aospUserless;
    const token = String(
      (await e2e.server.call('get-device-owner-enrollment-profile', { id })).structuredContent?.tokenValue,
    );
    expect(token.length).toBeGreaterThan(6);
    e2e.sim.addFaults({
      method: 'PATCH',
      status: 400,
      body: JSON.stringify({ error: { code: 'BadRequest', message: `Token ${token} cannot be used here` } }),
    });
    const stderrBefore = e2e.server.stderr().length;
    const result = await e2e.server.call('update-device-owner-enrollment-profile', { id, description: 'x' });
    expect(textOf(result)).toContain(token); // revealed, as the operator asked
    await new Promise((resolve) => setTimeout(resolve, 100)); // stderr is a pipe of its own
    const logged = e2e.server.stderr().slice(stderrBefore);
    expect(logged).toContain('tool call failed: tool=update-device-owner-enrollment-profile');
    expect(logged).toContain('Token [redacted] cannot be used here');
    expect(logged).not.toContain(token);
  });

  it("…also where the line is cut, or where the secret sits JSON-escaped in Graph's message", async () => {
    const id = DEVICE_OWNER_SEED_IDS.aospUserless;
    const token = String(
      (await e2e.server.call('get-device-owner-enrollment-profile', { id })).structuredContent?.tokenValue,
    );
    const wifi = 'pa/ss"wo\\rd-1234-PROBE';
    expect(
      (await e2e.server.call('update-device-owner-enrollment-profile', { id, wifiPassword: wifi })).isError,
    ).toBeFalsy();
    const refuse = (message: string) =>
      e2e.sim.addFaults({
        method: 'PATCH',
        status: 400,
        body: JSON.stringify({ error: { code: 'BadRequest', message } }),
      });
    const stderrBefore = e2e.server.stderr().length;
    refuse(`${'x'.repeat(115)} ${token} ends past the cut of the log line`); // the token straddles the cut
    await e2e.server.call('update-device-owner-enrollment-profile', { id, description: 'y' });
    refuse(`Invalid value ${JSON.stringify({ wifiPassword: wifi })}`); // the key JSON-escaped: \" and \\
    await e2e.server.call('update-device-owner-enrollment-profile', { id, description: 'z' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const logged = e2e.server.stderr().slice(stderrBefore);
    expect(logged.match(/tool call failed/g)).toHaveLength(2);
    expect(logged).not.toContain(token.slice(0, 8));
    expect(logged).not.toContain('rd-1234-PROBE');
  });
});
