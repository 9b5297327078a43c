// Preloaded into a spawned server (node --import) by tests that must see time pass without waiting for it: each
// SIGUSR2 moves the process's Date.now() 31 s ahead, e.g. past the 30 s in which the key set is not fetched again.
// Only Date.now() moves; `new Date()` and timers keep real time.
const realNow = Date.now;
let skewMs = 0;
Date.now = () => realNow() + skewMs;
process.on('SIGUSR2', () => {
  skewMs += 31_000;
  process.stderr.write(`clock-skew: now ${skewMs} ms ahead\n`);
});
