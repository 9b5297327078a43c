/**
 * The project's own files as a user or a registry sees them: package.json, server.json, README.md, src/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function readText(path: string): string {
  return readFileSync(join(ROOT, path), 'utf8');
}

export function readJson<T>(path: string): T {
  return JSON.parse(readText(path)) as T;
}

/** Every .ts file under a folder of the project, as paths relative to the root. */
export function typeScriptFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(folder, file));
}

export interface PackageJson {
  name: string;
  version: string;
  mcpName: string;
  license: string;
  bin: Record<string, string>;
  files: string[];
  engines: { node: string };
  repository: { url: string };
  dependencies: Record<string, string>;
}

export interface EnvironmentVariable {
  name: string;
  description?: string;
  isRequired?: boolean;
  isSecret?: boolean;
  format?: string;
  default?: string;
  choices?: string[];
}

export interface ServerJson {
  $schema: string;
  name: string;
  description: string;
  version: string;
  repository: { url: string; source: string };
  packages: {
    registryType: string;
    identifier: string;
    version: string;
    runtimeHint?: string;
    transport: { type: string };
    environmentVariables: EnvironmentVariable[];
  }[];
}

export const packageJson = readJson<PackageJson>('package.json');
export const serverJson = readJson<ServerJson>('server.json');
