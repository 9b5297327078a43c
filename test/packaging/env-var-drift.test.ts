/**
 * No drift: every environment variable the code names must be documented where users look for it, in server.json
 * (which registry clients turn into a configuration form) and in the README's configuration table.
 */
import { describe, expect, it } from 'vitest';
import { readText, serverJson, typeScriptFiles } from './project-files.js';

// Our own settings, and the AZURE_* variables our code names (some are then read by @azure/identity itself).
const VARIABLE_NAME = /\b(?:INTUNE_MCP|AZURE)_[A-Z0-9_]*[A-Z0-9]\b/g;

function variablesNamedInSource(): Map<string, string> {
  const firstSeenIn = new Map<string, string>();
  for (const file of typeScriptFiles('src')) {
    for (const [name] of readText(file).matchAll(VARIABLE_NAME)) {
      if (!firstSeenIn.has(name)) firstSeenIn.set(name, file);
    }
  }
  return firstSeenIn;
}

/** Names in the first column of the README's configuration table rows: | `NAME` | ... */
function variablesInReadmeTable(): Set<string> {
  const names = new Set<string>();
  for (const [, name] of readText('README.md').matchAll(/^\|\s*`((?:INTUNE_MCP|AZURE)_[A-Z0-9_]+)`/gm)) {
    if (name) names.add(name);
  }
  return names;
}

const inSource = variablesNamedInSource();
const inServerJson = new Set(serverJson.packages[0]?.environmentVariables.map((variable) => variable.name));
const inReadme = variablesInReadmeTable();

describe('environment variables', () => {
  it('the scan finds the variables the server is known to read', () => {
    // Guards the scan itself: if it silently found nothing, the checks below would pass vacuously.
    for (const name of ['INTUNE_MCP_ACCESS_TOKEN', 'INTUNE_MCP_SIMULATE', 'AZURE_CLIENT_SECRET', 'AZURE_TENANT_ID']) {
      expect(inSource.has(name), name).toBe(true);
    }
  });

  it('every variable named in src/ is in server.json', () => {
    const missing = [...inSource]
      .filter(([name]) => !inServerJson.has(name))
      .map(([name, file]) => `${name} (${file})`);
    expect(missing).toEqual([]);
  });

  it("every variable named in src/ is in the README's configuration table", () => {
    const missing = [...inSource].filter(([name]) => !inReadme.has(name)).map(([name, file]) => `${name} (${file})`);
    expect(missing).toEqual([]);
  });

  it('server.json and the README table list the same variables', () => {
    expect([...inReadme].sort()).toEqual([...inServerJson].sort());
  });
});
