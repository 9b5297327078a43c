/**
 * The README's "Demo" section shows `npm run demo` exactly as it prints. This runs the demo on the build `npm test`
 * has just made (node scripts/demo.mjs, about a second) and compares its output with that block. Only what changes
 * from run to run is normalised: date-times (the simulator's seeds are relative to its start), GUIDs, token values,
 * ports and durations. Any other difference fails: a tool's words, a step, the order of the tools.
 *
 * After a deliberate change, paste a fresh `npm run demo` into the block, or let this test do it:
 *   npm run build && UPDATE_DEMO_TRANSCRIPT=1 npx vitest run test/packaging/demo-transcript.test.ts
 */
import { execFile } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { packageJson, ROOT, readJson, readText } from './project-files.js';

const run = promisify(execFile);
const README = 'README.md';
const BLOCK_START = '```text\n';
const BLOCK_END = '\n```\n';

/** What varies from run to run, in the order it is replaced (date-times before the digits inside them). */
const VARYING: readonly [RegExp, string][] = [
  [/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/g, '<date-time>'],
  [/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<guid>'],
  [/sim-token-[A-Za-z0-9-]+/g, '<token>'],
  [/127\.0\.0\.1:\d+/g, '127.0.0.1:<port>'],
  [/\b\d+(?:\.\d+)? ?(?:ms|µs)\b/g, '<duration>'],
];

function normalise(text: string): string {
  return VARYING.reduce((result, [pattern, replacement]) => result.replace(pattern, replacement), text);
}

/** Where the transcript sits: the first ```text block after the "## Demo" heading. */
function transcriptSpan(readme: string): { start: number; end: number } {
  const section = readme.indexOf('\n## Demo\n');
  expect(section, 'the README has no "## Demo" section').toBeGreaterThan(0);
  const start = readme.indexOf(BLOCK_START, section) + BLOCK_START.length;
  const end = readme.indexOf(BLOCK_END, start);
  expect(start > BLOCK_START.length && end > start, 'the Demo section has no ```text block').toBe(true);
  return { start, end };
}

/** What npm prints before a script's own output: a blank line, the package and script, the command, a blank line. */
function npmPreamble(script: string, scripts: Record<string, string>): string {
  const command = scripts[script] ?? '';
  const header = `\n> ${packageJson.name}@${packageJson.version} ${script}\n> ${command}\n\n`;
  const nested = /^npm run ([\w-]+) && /.exec(command)?.[1];
  return nested ? header + npmPreamble(nested, scripts) : header;
}

describe('the README demo transcript', () => {
  it('is what npm run demo prints, apart from date-times, ids and tokens', async () => {
    expect(existsSync(join(ROOT, 'dist/index.js')), 'dist/index.js is missing: run npm run build first').toBe(true);
    const { stdout, stderr } = await run(process.execPath, ['scripts/demo.mjs'], {
      cwd: ROOT,
      timeout: 20_000,
      maxBuffer: 4 * 1024 * 1024,
    });
    expect(stderr, 'the demo wrote to stderr').toBe('');

    const { scripts } = readJson<{ scripts: Record<string, string> }>('package.json');
    const printed = `$ npm run demo\n${npmPreamble('demo', scripts)}${stdout.replace(/\n$/, '')}`;
    const readme = readText(README);
    const { start, end } = transcriptSpan(readme);

    if (process.env.UPDATE_DEMO_TRANSCRIPT === '1') {
      writeFileSync(join(ROOT, README), readme.slice(0, start) + printed + readme.slice(end));
      return;
    }
    expect(
      normalise(readme.slice(start, end)),
      'The README Demo block differs from what `npm run demo` prints. Paste a fresh run into it, or run this test with UPDATE_DEMO_TRANSCRIPT=1.',
    ).toBe(normalise(printed));
  });

  it('normalises only what varies from run to run', () => {
    expect(normalise('expires 2026-12-28T20:38:23.1090000Z (2026-11-28T09:00:00+01:00)')).toBe(
      'expires <date-time> (<date-time>)',
    );
    expect(normalise('id 3a36c51a-9d5f-47c2-9865-8c2589c37a39, token sim-token-COPE-7a2f6c90, 12 ms')).toBe(
      'id <guid>, token <token>, <duration>',
    );
    // Counts, day numbers and validity periods are the demo's substance, not noise.
    expect(normalise('daysLeft 11, valid for 2592000 s (30 day(s)), 87 devices')).toBe(
      'daysLeft 11, valid for 2592000 s (30 day(s)), 87 devices',
    );
  });
});
