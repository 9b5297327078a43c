// What the kernel knows about a child process: CPU time (all its threads: main, GC, libuv pool) and peak memory.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat's times (sysconf(_SC_CLK_TCK); 100 on Linux). */
export const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** User + system CPU time the process has used so far, in ms: fields 14 (utime) and 15 (stime) of /proc/<pid>/stat. */
export function readCpuMs(pid) {
  return cpuMsOf(`/proc/${pid}/stat`);
}

/**
 * The same for the main thread alone (the JavaScript thread). The rest of readCpuMs is the other threads: V8's
 * optimizing compiler (TurboFan compiles on background threads) and the garbage collector's helpers.
 */
export function readMainThreadCpuMs(pid) {
  return cpuMsOf(`/proc/${pid}/task/${pid}/stat`);
}

function cpuMsOf(statFile) {
  const stat = readFileSync(statFile, 'utf8');
  // The command name (field 2) may hold spaces and parentheses: count fields from after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[14 - 3]) + Number(fields[15 - 3]);
  return (ticks * 1000) / CLK_TCK;
}

/** VmHWM: the most resident memory the process has had, in MiB. */
export function readPeakRssMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1]);
  return kib / 1024;
}
