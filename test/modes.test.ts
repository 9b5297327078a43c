/**
 * The server's modes end to end: read-only (the write tools are neither listed nor callable), toolsets, and simulate
 * (the tools against the built-in simulator, with no credentials and no configuration at all).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startGraphSimulator } from '../src/simulator/graph-simulator.js';
import { graphEnv, type RunningServer, startServer, textOf } from './helpers/mcp-harness.js';
import { useServerOnSimulator } from './helpers/server-on-simulator.js';

const KIOSK_ID = 'e6742553-2553-e674-5325-74e6532574e6';
const SIMULATED =
  'Simulated: this result comes from the built-in Graph simulator (--simulate), not from a real Intune tenant.';

const READ_ONLY_TOOLS = [
  'list-enrollment-profiles',
  'get-enrollment-profile',
  'preview-enrollment-profile-update',
  'list-device-owner-enrollment-profiles',
  'get-device-owner-enrollment-profile',
  'preview-device-owner-enrollment-profile-update',
  'find-expiring-enrollment-tokens',
];
const WRITE_TOOLS = [
  'update-enrollment-profile',
  'create-enrollment-token',
  'revoke-enrollment-token',
  'update-device-owner-enrollment-profile',
  'create-device-owner-enrollment-token',
  'revoke-device-owner-enrollment-token',
];

const lastText = (result: { content: { type: string; text?: string }[] }) => result.content.at(-1)?.text;

describe.each([
  ['INTUNE_MCP_READ_ONLY=true', { INTUNE_MCP_READ_ONLY: 'true' }, []],
  ['--read-only', {}, ['--read-only']],
])('read-only mode via %s', (_label, env: Record<string, string>, args: string[]) => {
  const e2e = useServerOnSimulator({}, env, args);

  it('lists only the read-only tools', async () => {
    const { tools } = await e2e.server.client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([...READ_ONLY_TOOLS].sort());
    expect(tools.every((t) => t.annotations?.readOnlyHint === true)).toBe(true);
  });

  it('refuses a call to every write tool as an isError result, sending nothing', async () => {
    for (const name of WRITE_TOOLS) {
      const result = await e2e.server.call(name, { id: KIOSK_ID, displayName: 'x', tokenValidityInSeconds: 86400 });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(new RegExp(`Refused: ${name} changes the tenant .* read-only mode`));
      expect(textOf(result)).toContain('Nothing was sent to Graph. Available: list-enrollment-profiles,');
    }
    expect(e2e.sim.requests).toHaveLength(0);
    expect(e2e.sim.profiles.get(KIOSK_ID)?.displayName).toBe('Corporate-owned kiosks');
  });

  it('still lists and gets profiles', async () => {
    const listed = await e2e.server.call('list-enrollment-profiles', { displayName: 'kiosk' });
    expect(listed.isError).toBeFalsy();
    expect(listed.structuredContent).toMatchObject({ profiles: [{ id: KIOSK_ID }], truncated: false });
    const got = await e2e.server.call('get-enrollment-profile', { id: KIOSK_ID });
    expect(got.structuredContent).toMatchObject({ id: KIOSK_ID, displayName: 'Corporate-owned kiosks' });
  });

  it('tells the agent in its instructions that it cannot change profiles', () => {
    const instructions = e2e.server.client.getInstructions() ?? '';
    expect(instructions).toContain('read-only');
    expect(instructions).not.toContain('dryRun');
  });
});

describe.each([
  ['--simulate and an empty environment', {}, ['--simulate']],
  ['INTUNE_MCP_SIMULATE=true and nothing else', { INTUNE_MCP_SIMULATE: 'true' }, []],
])('simulate mode with %s', (_label, env: Record<string, string>, args: string[]) => {
  let server: RunningServer;

  beforeAll(async () => {
    // No INTUNE_MCP_* (beyond the switch itself), no AZURE_*: only what the SDK passes to every child (PATH, HOME…).
    server = await startServer(env, args);
  });
  afterAll(async () => {
    await server.close();
  });

  it('runs the whole loop: list → get → preview → guarded update, every result marked as simulated', async () => {
    const listed = await server.call('list-enrollment-profiles', {});
    expect(listed.isError, textOf(listed)).toBeFalsy();
    expect((listed.structuredContent as { profiles: unknown[] }).profiles).toHaveLength(3);
    expect(lastText(listed)).toBe(SIMULATED);

    const got = await server.call('get-enrollment-profile', { id: KIOSK_ID });
    expect(got.structuredContent).toMatchObject({ id: KIOSK_ID, tokenValue: '[redacted]' });
    expect(lastText(got)).toBe(SIMULATED);
    const readAt = (got.structuredContent as { lastModifiedDateTime: string }).lastModifiedDateTime;

    const preview = await server.call('preview-enrollment-profile-update', {
      id: KIOSK_ID,
      displayName: 'Simulated kiosks',
    });
    expect(textOf(preview)).toContain('→ "Simulated kiosks"');
    expect(lastText(preview)).toBe(SIMULATED);

    const updated = await server.call('update-enrollment-profile', {
      id: KIOSK_ID,
      displayName: 'Simulated kiosks',
      expectedLastModifiedDateTime: readAt,
    });
    expect(updated.isError, textOf(updated)).toBeFalsy();
    expect(updated.structuredContent).toMatchObject({ displayName: 'Simulated kiosks' });
    expect(lastText(updated)).toBe(SIMULATED);

    const stale = await server.call('update-enrollment-profile', {
      id: KIOSK_ID,
      description: 'x',
      expectedLastModifiedDateTime: readAt,
    });
    expect(stale.isError).toBe(true);
    expect(lastText(stale)).toBe(SIMULATED);
  });

  it('teaches the loop in the initialize instructions, in order, and says it is simulated', () => {
    const instructions = server.client.getInstructions() ?? '';
    const steps = [
      'list-enrollment-profiles',
      'get-enrollment-profile',
      'preview-enrollment-profile-update',
      'expectedLastModifiedDateTime',
    ];
    const positions = steps.map((step) => instructions.indexOf(step));
    expect(
      positions.every((position) => position >= 0),
      instructions,
    ).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(instructions).toMatch(/simulat/i);
  });

  it('says on stderr that no tenant is contacted', async () => {
    await vi.waitFor(() => expect(server.stderr()).toContain('no tenant is contacted'), { timeout: 10_000 });
  });
});

describe('normal mode', () => {
  it('lists every tool, and its instructions do not claim a simulation', async () => {
    const sim = await startGraphSimulator();
    const server = await startServer(graphEnv(sim.baseUrl));
    try {
      const { tools } = await server.client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual([...READ_ONLY_TOOLS, ...WRITE_TOOLS].sort());
      expect(server.client.getInstructions()).not.toMatch(/simulat/i);
      const got = await server.call('get-enrollment-profile', { id: KIOSK_ID });
      expect(textOf(got)).not.toContain('Simulated');
    } finally {
      await server.close();
      await sim.close();
    }
  });
});

describe('reveal mode', () => {
  it('instructions say the enrollment tokens are shown (not "[redacted]") and are secrets', async () => {
    const server = await startServer({ INTUNE_MCP_REVEAL_ENROLLMENT_TOKENS: 'true' }, ['--simulate']);
    try {
      const instructions = server.client.getInstructions() ?? '';
      expect(instructions).toMatch(/are shown, because the operator allowed it/);
      expect(instructions).not.toContain('[redacted]');
      const got = await server.call('get-enrollment-profile', { id: KIOSK_ID });
      expect((got.structuredContent as { tokenValue: string }).tokenValue).toMatch(/^sim-token-/);
    } finally {
      await server.close();
    }
  });
});

describe('toolsets: INTUNE_MCP_TOOLSETS=device-owner', () => {
  const e2e = useServerOnSimulator({}, { INTUNE_MCP_TOOLSETS: 'device-owner' });

  it('lists only the device-owner tools and find-expiring-enrollment-tokens', async () => {
    const { tools } = await e2e.server.client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(
      [...READ_ONLY_TOOLS, ...WRITE_TOOLS]
        .filter((name) => name.includes('device-owner') || name.startsWith('find-'))
        .sort(),
    );
  });

  it('refuses an Android for Work tool, naming its toolset, and sends nothing', async () => {
    const result = await e2e.server.call('list-enrollment-profiles', {});
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain(
      'Refused: list-enrollment-profiles belongs to the android-for-work toolset, which this server does not enable (INTUNE_MCP_TOOLSETS is device-owner).',
    );
    expect(e2e.sim.requests).toHaveLength(0);
  });

  it('find-expiring-enrollment-tokens reads only the enabled kind', async () => {
    const result = await e2e.server.call('find-expiring-enrollment-tokens', { withinDays: 3650 });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(e2e.sim.requests.every((r) => r.url.includes('androidDeviceOwnerEnrollmentProfiles'))).toBe(true);
    const { tokens } = result.structuredContent as { tokens: { profileType: string }[] };
    expect(tokens.length).toBeGreaterThan(0);
    expect(tokens.every((token) => token.profileType === 'androidDeviceOwner')).toBe(true);
  });

  it('the instructions name only the enabled kind', () => {
    const instructions = e2e.server.client.getInstructions() ?? '';
    expect(instructions).toContain('list-device-owner-enrollment-profiles');
    expect(instructions).not.toContain('list-enrollment-profiles');
  });
});
