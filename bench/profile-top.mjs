// Where a process spent its time, from a V8 CPU profile (`node --cpu-prof`; BENCH_CPU_PROF=dir npm run bench):
//   node bench/profile-top.mjs <file.cpuprofile> [how many, default 25] [from ms] [to ms]
// Prints the top functions by self time and the same time summed per source module; with from/to, only the samples
// in that window of the profile (e.g. the first seconds of calls, while the JIT warms up). An unminified esbuild
// bundle (BUILD_MINIFY=false: the bench builds its peer the same way) marks each module with a `// path` line, which
// is how a line of dist/… is traced back to src/… or node_modules/…. The profiler samples wall-clock stacks: a write
// to a pipe shows as time in the write even while the process waits, so compare with the CPU figures of /proc (the
// bench table).
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';

const [file, count = '25', fromMs = '0', toMs = 'Infinity'] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node bench/profile-top.mjs <file.cpuprofile> [count] [from ms] [to ms]\n');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const selfUs = new Map();
let elapsedUs = 0;
profile.samples.forEach((id, i) => {
  const us = profile.timeDeltas[i] ?? 0;
  elapsedUs += us;
  if (elapsedUs < Number(fromMs) * 1000 || elapsedUs > Number(toMs) * 1000) return;
  selfUs.set(id, (selfUs.get(id) ?? 0) + us);
});

/** For a bundle: the start line of each module it holds, from esbuild's `// node_modules/…` and `// src/…` comments. */
const bundles = new Map();
function modulesOf(url) {
  if (!bundles.has(url)) {
    const path = url.startsWith('file://') ? fileURLToPath(url) : url;
    const starts = [];
    if (existsSync(path)) {
      readFileSync(path, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          const match = /^\/\/ ((?:node_modules|src|bench|test)\/\S+\.[cm]?[jt]s)$/.exec(line);
          if (match) starts.push({ line: i, module: match[1] });
        });
    }
    bundles.set(url, starts);
  }
  return bundles.get(url);
}

/** node_modules/<package>/… → the package (and for the MCP SDK, its folder); src/… as is; Node's own by file. */
function moduleOf({ url, lineNumber, functionName }) {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('wasm://')) return 'wasm (undici llhttp)';
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const starts = modulesOf(url);
  let module = basename(url);
  for (const start of starts) {
    if (start.line > lineNumber) break;
    module = start.module;
  }
  const sdk = /^node_modules\/@modelcontextprotocol\/sdk\/dist\/esm\/([^/]+)\//.exec(module);
  if (sdk) return `@modelcontextprotocol/sdk ${sdk[1]}/`;
  const pkg = /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(module);
  return pkg ? pkg[1] : module;
}

const byFunction = new Map();
const byModule = new Map();
let total = 0;
let idle = 0;
for (const [id, us] of selfUs) {
  const frame = nodes.get(id).callFrame;
  if (frame.functionName === '(idle)') {
    idle += us;
    continue;
  }
  total += us;
  const module = moduleOf(frame);
  const key = `${frame.functionName || '(anonymous)'}  [${module}]`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  byModule.set(module, (byModule.get(module) ?? 0) + us);
}
const print = (title, table) => {
  process.stdout.write(`${title}\n`);
  for (const [key, us] of [...table].sort((a, b) => b[1] - a[1]).slice(0, Number(count))) {
    process.stdout.write(
      `${(us / 1000).toFixed(1).padStart(8)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${key}\n`,
    );
  }
};
process.stdout.write(`${basename(file)}: ${(total / 1000).toFixed(0)} ms busy, ${(idle / 1000).toFixed(0)} ms idle\n`);
print('Top functions by self time:', byFunction);
print('By module:', byModule);
