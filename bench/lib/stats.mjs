// Order statistics for the bench tables. Nearest-rank percentiles: with fewer than 100 samples p99 is the maximum.

export function percentile(samples, p) {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export const median = (samples) => percentile(samples, 50);
export const p99 = (samples) => percentile(samples, 99);
