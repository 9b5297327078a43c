/**
 * server.json is what the MCP registry and the clients that read it show users: it must be valid against the
 * registry's schema and agree with package.json and with the code.
 */

import { Ajv } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { AUTH_MODE_NAMES } from '../../src/auth/auth-modes.js';
import { CLOUD_NAMES } from '../../src/auth/clouds.js';
import { loadConfig, SECRET_VARIABLES } from '../../src/config.js';
import { type EnvironmentVariable, packageJson, readJson, serverJson } from './project-files.js';

// A byte-for-byte copy of https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json
// (sha256 3fba09590c99f61735d234822279f4223fab9e300c0a81e81c91ab62a4114de0), kept so the test needs no network.
const SCHEMA_PATH = 'test/fixtures/server.schema.2025-12-11.json';
const schema = readJson<{ $id: string }>(SCHEMA_PATH);

// ajv-formats is CommonJS: under NodeNext its default export arrives as the module object or the function itself.
const addFormats = (
  'default' in addFormatsPlugin ? addFormatsPlugin.default : addFormatsPlugin
) as typeof addFormatsPlugin.default;

function registryValidator() {
  const ajv = new Ajv({ allErrors: true });
  ajv.addKeyword('example'); // an OpenAPI annotation the generated schema keeps; it constrains nothing
  addFormats(ajv);
  return ajv.compile(schema);
}

const validate = registryValidator();
const npmPackage = serverJson.packages[0];
const variables = new Map((npmPackage?.environmentVariables ?? []).map((variable) => [variable.name, variable]));

function variable(name: string): EnvironmentVariable {
  const found = variables.get(name);
  if (!found) throw new Error(`${name} is missing from server.json packages[0].environmentVariables`);
  return found;
}

describe('server.json', () => {
  it('is valid against the MCP registry schema it names', () => {
    expect(serverJson.$schema).toBe(schema.$id);
    const valid = validate(serverJson);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('would be refused by the same validator when it breaks a registry rule', () => {
    const tooLong = { ...serverJson, description: 'x'.repeat(101) };
    const floatingVersion = { ...serverJson, packages: [{ ...npmPackage, version: 'latest' }] };
    expect(validate(tooLong)).toBe(false);
    expect(validate(floatingVersion)).toBe(false);
  });

  it('has a description of at most 100 characters', () => {
    expect(serverJson.description.length).toBeGreaterThan(0);
    expect(serverJson.description.length).toBeLessThanOrEqual(100);
  });

  it('agrees with package.json on name, version and repository', () => {
    expect(serverJson.name).toBe(packageJson.mcpName);
    expect(serverJson.name).toMatch(/^io\.github\.[^/]+\/intune-enrollment-mcp$/);
    expect(serverJson.version).toBe(packageJson.version);
    expect(packageJson.repository.url).toBe(`git+${serverJson.repository.url}.git`);
  });

  it('describes the npm package launched with npx over stdio', () => {
    expect(serverJson.packages).toHaveLength(1);
    expect(npmPackage).toMatchObject({
      registryType: 'npm',
      identifier: packageJson.name,
      version: packageJson.version,
      runtimeHint: 'npx',
      transport: { type: 'stdio' },
    });
  });

  it('describes every variable and flags the secrets', () => {
    for (const entry of variables.values()) {
      expect(entry.description, entry.name).toBeTruthy();
      expect(typeof entry.isRequired, entry.name).toBe('boolean');
    }
    const secrets = [...variables.values()].filter((entry) => entry.isSecret).map((entry) => entry.name);
    expect(secrets.sort()).toEqual(
      ['AZURE_CLIENT_CERTIFICATE_PASSWORD', 'AZURE_CLIENT_SECRET', 'AZURE_PASSWORD', 'INTUNE_MCP_ACCESS_TOKEN'].sort(),
    );
    // …and they are exactly the ones the server scrubs from its output.
    expect([...SECRET_VARIABLES].sort()).toEqual(secrets.sort());
    // A variable added later whose name says "secret" must be flagged too.
    for (const name of variables.keys()) {
      if (/(SECRET|PASSWORD|ACCESS_TOKEN)$/.test(name)) expect(variable(name).isSecret, name).toBe(true);
    }
  });

  it('offers the sign-in modes and clouds the server accepts, and its real defaults', () => {
    expect(variable('INTUNE_MCP_AUTH').choices).toEqual(AUTH_MODE_NAMES);
    expect(variable('INTUNE_MCP_CLOUD').choices).toEqual(CLOUD_NAMES);
    const defaults = loadConfig({}, []);
    expect(variable('INTUNE_MCP_CLOUD').default).toBe(defaults.cloud.name);
    expect(variable('INTUNE_MCP_TIMEOUT_MS').default).toBe(String(defaults.timeoutMs));
    expect(variable('INTUNE_MCP_MAX_RETRIES').default).toBe(String(defaults.maxRetries));
  });
});
