// What this server's own per-call checks cost by themselves, in one process with no I/O: the work
// bench/ablation/without-checks.patch takes out of an update call (input screen and validation, the check that Graph
// kept what was sent, redaction, the notes, the output check, the secret search, the result bound), run on the fake
// Graph's profile. Cold (the first 1,000 calls of a fresh process, as the bench's bursts meet them) against hot
// (after 20,000): the difference is the JIT. CPU from process.cpuUsage (every thread: TurboFan compiles on others).
//   node bench/checks.mjs        (builds bench/.build/checks-steps.mjs from src/ first)
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { BUILD_DIR } from './lib/prepare.mjs';
import { profileBody } from './lib/profile.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const STEPS = `${BUILD_DIR}checks-steps.mjs`;

await build({
  stdin: {
    contents: `
      export { PROFILE_KINDS } from './src/resources/registry.ts';
      export { refusePlaceholders, toPatch, updateInputSchema } from './src/resources/profile-tools/update-input.ts';
      export { stripODataControl } from './src/graph/odata.ts';
      export { propertiesNotTaken } from './src/resources/profile-tools/profile-changes.ts';
      export { redactSecrets } from './src/resources/profile-tools/secret-paths.ts';
      export { outputCheckOf } from './src/mcp/output-check.ts';
      export { mayHoldSecrets, registerSecret, scrubSecrets } from './src/security/secret-scrubber.ts';
      export { answerToResult } from './src/mcp/tool-results.ts';`,
    resolveDir: ROOT,
    loader: 'ts',
  },
  outfile: STEPS,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  minify: true,
  logLevel: 'warning',
});
const src = await import(STEPS);

const kind = src.PROFILE_KINDS[0];
src.registerSecret('bench-access-token-0123456789'); // the server holds its access token as a secret too
const PROFILE_ID = '8d3f0c2a-1b4e-4c6d-9e8f-0a1b2c3d4e5f';
const graphText = JSON.stringify(profileBody(PROFILE_ID, { displayName: 'Corporate-owned kiosks 7' }));
const args = { id: PROFILE_ID, displayName: 'Corporate-owned kiosks 7' };
const inputSchema = src.updateInputSchema(kind);
const outputCheck = src.outputCheckOf(kind.profileSchema);
const tool = { outputSchema: kind.profileSchema, readWith: kind.tools.get, mutates: true };
const note = (profile) =>
  `Updated: displayName.\nlastModifiedDateTime is now ${profile.lastModifiedDateTime}: pass it as expectedLastModifiedDateTime to guard a further update.`;

/** What the server holds after parsing Graph's answer, and what it shows (token fields redacted). */
const parsed = () => src.stripODataControl(JSON.parse(graphText));
const shown = () => src.redactSecrets(parsed(), kind.secretPaths);
/** What an update call does that the ablation leaves out, in order, each on what it sees in the server. */
const steps = [
  ['placeholder screen', parsed, () => src.refusePlaceholders(kind, args)],
  ['input validation (zod)', parsed, () => inputSchema.safeParse(args)],
  ['patch from the input', parsed, () => src.toPatch(kind, args)],
  ['Graph kept what was sent', parsed, (profile) => src.propertiesNotTaken({ displayName: args.displayName }, profile)],
  ['redaction of token fields', parsed, (profile) => src.redactSecrets(profile, kind.secretPaths)],
  ['output check (compiled)', shown, (profile) => outputCheck(profile)],
  ['JSON text + secret search over it', shown, (profile) => src.mayHoldSecrets(JSON.stringify(profile))],
  ['scrub of the notes', shown, (profile) => src.scrubSecrets(note(profile))],
  [
    'the result: all of the three above, the bound',
    shown,
    (profile) =>
      src.answerToResult(tool, { structured: profile, notes: [note(profile)], write: 'applied' }, { simulated: false }),
  ],
];
const chain = () => {
  const profile = parsed();
  src.refusePlaceholders(kind, args);
  inputSchema.safeParse(args);
  const patch = src.toPatch(kind, args);
  src.propertiesNotTaken(patch, profile);
  const redacted = src.redactSecrets(profile, kind.secretPaths);
  return src.answerToResult(
    tool,
    { structured: redacted, notes: [note(redacted)], write: 'applied' },
    {
      simulated: false,
    },
  );
};

/** Per-call µs over `calls` calls of fn: CPU of the whole process, and wall time. */
function measure(fn, calls) {
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) fn();
  const wallUs = Number(process.hrtime.bigint() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return { cpu: (cpu.user + cpu.system) / calls, wall: wallUs / calls };
}

const rows = [];
// Cold first: nothing of the chain has run in this process yet.
rows.push(['parse + all checks of one update call, calls 1–1,000 (cold)', measure(chain, 1000)]);
rows.push(['parse + all checks, calls 1,001–5,000', measure(chain, 4000)]);
measure(chain, 15_000);
rows.push(['parse + all checks, hot (100,000 calls after 20,000)', measure(chain, 100_000)]);
const baselines = new Map([parsed, shown].map((input) => [input, measure(input, 100_000)]));
rows.push(["  of which parsing Graph's answer (not a check)", baselines.get(parsed)]);
for (const [name, input, step] of steps) {
  const run = () => step(input());
  measure(run, 20_000);
  const { cpu, wall } = measure(run, 100_000);
  const base = baselines.get(input);
  rows.push([`  hot: ${name}`, { cpu: cpu - base.cpu, wall: wall - base.wall }]);
}

const width = Math.max(...rows.map(([name]) => name.length));
process.stdout.write(
  `${'Step'.padEnd(width)} | CPU µs/call | wall µs/call\n${'-'.repeat(width)} | ----------: | -----------:\n`,
);
for (const [name, { cpu, wall }] of rows) {
  process.stdout.write(`${name.padEnd(width)} | ${cpu.toFixed(2).padStart(11)} | ${wall.toFixed(2).padStart(12)}\n`);
}
process.stdout.write(
  `Node ${process.version}; the profile of bench/lib/profile.mjs, ${graphText.length} bytes. A step is timed on a fresh copy of the profile, whose making is subtracted: differences under ~0.3 µs are noise.\n`,
);
