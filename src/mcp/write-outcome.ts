/**
 * "Was the change applied?", worded once. A write tool's failure ends with the sentence that matches what the write
 * did (src/graph/graph-errors.ts `WriteEffect`), naming the tool that reads the result back.
 */
import type { WriteEffect } from '../graph/graph-errors.js';

export function describeWriteOutcome(effect: WriteEffect | undefined, readWith: string | undefined): string {
  const read = readWith ? ` with ${readWith}` : '';
  switch (effect) {
    case 'applied':
      return `The change WAS applied: Graph accepted it. Read the result${read} instead of resending it.`;
    case 'unknown':
      return `The change may or may not have been applied: read the current state${read} before retrying.`;
    default:
      return 'Nothing was changed.';
  }
}
