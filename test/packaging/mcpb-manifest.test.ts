/**
 * mcpb/manifest.json is what Claude Desktop turns into the extension's settings form and the server's environment
 * (`npm run bundle` fills in the version and the tools). It must be valid for the mcpb version we pin, and agree with
 * server.json and the code on every variable it sets. (.ci/run also builds the bundle, unpacks it and starts it:
 * scripts/check-bundle.mjs.)
 */
import { MANIFEST_SCHEMAS } from '@anthropic-ai/mcpb';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { packageJson, readJson, serverJson } from './project-files.js';

interface UserConfigField {
  type: 'string' | 'number' | 'boolean' | 'directory' | 'file';
  title: string;
  description: string;
  required?: boolean;
  sensitive?: boolean;
  default?: string | number | boolean;
}

interface Manifest {
  manifest_version: '0.3';
  name: string;
  version: string;
  description: string;
  server: {
    type: string;
    entry_point: string;
    mcp_config: { command: string; args: string[]; env: Record<string, string> };
  };
  user_config: Record<string, UserConfigField>;
  tools?: unknown;
}

const manifest = readJson<Manifest>('mcpb/manifest.json');
const { env, args } = manifest.server.mcp_config;
const variables = new Map(serverJson.packages[0]?.environmentVariables.map((variable) => [variable.name, variable]));
/** env variable → the user_config field whose value it receives. */
const fieldOf = new Map(
  Object.entries(env).map(([name, value]) => [name, /^\$\{user_config\.([a-z_]+)\}$/.exec(value)?.[1]]),
);

describe('mcpb/manifest.json', () => {
  it('is valid for the pinned mcpb version', () => {
    const result = MANIFEST_SCHEMAS[manifest.manifest_version].safeParse(manifest);
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });

  it('agrees with package.json and starts the packed bin with node', () => {
    expect(manifest.name).toBe(packageJson.name);
    expect(manifest.version).toBe(packageJson.version);
    expect(manifest.description).toBe(serverJson.description);
    expect(manifest.server.type).toBe('node');
    expect(manifest.server.entry_point).toBe(packageJson.bin[packageJson.name]);
    expect(manifest.server.mcp_config.command).toBe('node');
    expect(args).toEqual([`\${__dirname}/${manifest.server.entry_point}`]);
    expect(manifest.tools, 'npm run bundle reads the tools from the built server').toBeUndefined();
  });

  it('passes every field to exactly one server variable, through env only', () => {
    expect([...fieldOf].filter(([, field]) => field === undefined)).toEqual([]);
    expect([...fieldOf.values()].sort()).toEqual(Object.keys(manifest.user_config).sort());
    // Claude Desktop keeps "${user_config.x}" as is in args when the value is blank: env only.
    expect(JSON.stringify(args)).not.toContain('user_config');
  });

  it('sets only variables the server documents, secrets as sensitive fields', () => {
    for (const [name, field] of fieldOf) {
      const variable = variables.get(name);
      expect(variable, `${name} is not in server.json`).toBeDefined();
      const config = manifest.user_config[field ?? ''];
      expect(config?.sensitive === true, `${name}: sensitive`).toBe(variable?.isSecret === true);
      const type = { boolean: 'boolean', number: 'number', filepath: 'file' }[variable?.format ?? ''] ?? 'string';
      expect(config?.type, name).toBe(type);
    }
  });

  it('gives every field a default, so a blank field never reaches the server as the placeholder text', () => {
    for (const [key, field] of Object.entries(manifest.user_config)) {
      expect(field.required ?? false, key).toBe(false);
      expect(field.default, key).toBeDefined();
      if (field.type === 'string' || field.type === 'file') expect(field.default, key).toBe('');
    }
  });

  it("uses the server's own defaults for switches and numbers", () => {
    const defaults = loadConfig({}, []);
    const expected: Record<string, boolean | number> = {
      INTUNE_MCP_SIMULATE: defaults.simulate,
      INTUNE_MCP_READ_ONLY: defaults.readOnly,
      INTUNE_MCP_REVEAL_ENROLLMENT_TOKENS: defaults.revealEnrollmentTokens,
      INTUNE_MCP_TIMEOUT_MS: defaults.timeoutMs,
      INTUNE_MCP_MAX_RETRIES: defaults.maxRetries,
    };
    for (const [name, field] of fieldOf) {
      const config = manifest.user_config[field ?? ''];
      if (config?.type === 'boolean' || config?.type === 'number') {
        expect(name in expected, `${name}: add its default to this test`).toBe(true);
        expect(config.default, name).toBe(expected[name]);
      }
    }
  });
});
