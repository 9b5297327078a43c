/**
 * Turns Zod issues into a message an agent can act on: which argument, what is wrong, what to send instead. Said
 * before anything reaches Graph, and the message says so.
 */
import type { z } from 'zod';
import { READ_ONLY_PROPERTIES } from './profile-schema.js';

export function describeInputIssues(
  toolName: string,
  issues: readonly z.core.$ZodIssue[],
  knownArguments: readonly string[],
): string {
  const lines = issues.flatMap((issue) => describeIssue(issue, knownArguments));
  return [`Invalid arguments for ${toolName}; nothing was sent to Graph.`, ...lines.map((line) => `- ${line}`)].join(
    '\n',
  );
}

function describeIssue(issue: z.core.$ZodIssue, knownArguments: readonly string[]): string[] {
  if (issue.code === 'unrecognized_keys') {
    if (issue.path.length > 0) {
      return issue.keys.map((key) => `${formatPath(issue.path)}.${key} is not allowed here. ${issue.message}`);
    }
    return issue.keys.map((key) =>
      READ_ONLY_PROPERTIES.has(key)
        ? `${key} is read-only: Intune sets it itself. Leave it out.`
        : `${key} is not an argument of this tool. It takes: ${knownArguments.join(', ')}.`,
    );
  }
  const where = issue.path.length ? formatPath(issue.path) : 'arguments';
  return [`${where}: ${issue.message}`];
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((part) => (typeof part === 'number' ? `[${part}]` : String(part))).join('.');
}
