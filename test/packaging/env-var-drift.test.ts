/**
 * No drift: the server's one list of settings (src/settings.ts, which --help prints) is what users find where they
 * look: in server.json (which registry clients turn into a configuration form) and in the README's configuration
 * table, with the same names and the same secrets. And every variable the code names is in that list.
 */
import { describe, expect, it } from 'vitest';
import { AUTH_MODE_NAMES, AUTH_MODES } from '../../src/auth/auth-modes.js';
import { SECRET_VARIABLES, SETTING_NAMES, SETTINGS, type Setting } from '../../src/settings.js';
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

/** The rows of the table in the README's Configuration section: | `NAME` | default | what it does | */
function readmeTable(): Map<string, { secret: boolean }> {
  const readme = readText('README.md');
  const start = readme.indexOf('\n## Configuration\n');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
  const rows = new Map<string, { secret: boolean }>();
  for (const [, name, description] of section.matchAll(/^\|\s*`([A-Z][A-Z0-9_]+)`\s*\|[^|\n]*\|([^\n]*)\|\s*$/gm)) {
    if (name) rows.set(name, { secret: (description ?? '').includes('**Secret.**') });
  }
  return rows;
}

const inSource = variablesNamedInSource();
const serverJsonVariables = serverJson.packages[0]?.environmentVariables ?? [];
const inServerJson = new Set(serverJsonVariables.map((variable) => variable.name));
const inReadme = readmeTable();
const settings = new Set<string>(SETTING_NAMES);

describe('environment variables', () => {
  it('the scans find the variables the server is known to read', () => {
    // Guards the scans themselves: if they silently found nothing, the checks below would pass vacuously.
    for (const name of ['INTUNE_MCP_ACCESS_TOKEN', 'INTUNE_MCP_SIMULATE', 'AZURE_CLIENT_SECRET', 'AZURE_TENANT_ID']) {
      expect(inSource.has(name), name).toBe(true);
      expect(inReadme.has(name), name).toBe(true);
    }
    expect(inReadme.get('AZURE_CLIENT_SECRET')?.secret).toBe(true);
    expect(inReadme.size).toBeGreaterThan(20);
  });

  it('every variable named in src/ is in the list of settings', () => {
    const missing = [...inSource].filter(([name]) => !settings.has(name)).map(([name, file]) => `${name} (${file})`);
    expect(missing).toEqual([]);
  });

  it('server.json lists exactly the settings, in the same order', () => {
    expect(serverJsonVariables.map((variable) => variable.name)).toEqual(SETTING_NAMES);
    expect([...inServerJson].sort()).toEqual([...settings].sort());
  });

  it("the README's configuration table lists exactly the settings, in the same order", () => {
    expect([...inReadme.keys()]).toEqual(SETTING_NAMES);
  });

  it('the secrets are the same everywhere: the settings, server.json isSecret, the README and the scrubber', () => {
    const secretSettings = SETTING_NAMES.filter((name) => (SETTINGS[name] as Setting).secret === true);
    const secretInServerJson = serverJsonVariables.filter((variable) => variable.isSecret).map((v) => v.name);
    const secretInReadme = [...inReadme].filter(([, row]) => row.secret).map(([name]) => name);
    expect(secretInServerJson).toEqual(secretSettings);
    expect(secretInReadme).toEqual(secretSettings);
    expect([...SECRET_VARIABLES]).toEqual(secretSettings);
    expect(secretSettings).toEqual([
      'INTUNE_MCP_ACCESS_TOKEN',
      'AZURE_CLIENT_SECRET',
      'AZURE_CLIENT_CERTIFICATE_PASSWORD',
      'AZURE_PASSWORD',
    ]);
  });

  it('defaults and choices agree with server.json where it states them', () => {
    for (const variable of serverJsonVariables) {
      const setting = SETTINGS[variable.name as keyof typeof SETTINGS] as Setting;
      if (variable.default !== undefined) expect(variable.default, variable.name).toBe(setting.default);
      if (variable.choices !== undefined) expect(variable.choices, variable.name).toEqual(setting.choices);
    }
  });

  it('every variable a sign-in mode requires is a setting that names the mode', () => {
    for (const mode of AUTH_MODE_NAMES) {
      for (const name of AUTH_MODES[mode].required) {
        const setting = SETTINGS[name as keyof typeof SETTINGS] as Setting | undefined;
        expect(setting, name).toBeDefined();
        const usedBy = setting?.usedBy;
        expect(usedBy === 'all' || (Array.isArray(usedBy) && usedBy.includes(mode)), `${name} in ${mode}`).toBe(true);
      }
    }
  });
});
