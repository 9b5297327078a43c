/**
 * Turns Zod issues into a message an agent can act on: which argument, what is wrong, what to send instead. Said
 * before anything reaches Graph, and the message says so.
 */
import type { z } from 'zod';

export interface ToolArguments {
  /** What the tool takes, read off its listing. */
  readonly known: readonly string[];
  /** Properties of the resource that Graph sets itself: named as read-only, not as unknown. */
  readonly readOnly?: ReadonlySet<string>;
  /** Arguments the tool no longer takes, with what to do instead. */
  readonly retired?: ReadonlyMap<string, string>;
}

export function describeInputIssues(
  toolName: string,
  issues: readonly z.core.$ZodIssue[],
  args: ToolArguments,
): string {
  const lines = issues.flatMap((issue) => describeIssue(issue, args));
  return [`Invalid arguments for ${toolName}; nothing was sent to Graph.`, ...lines.map((line) => `- ${line}`)].join(
    '\n',
  );
}

function describeIssue(issue: z.core.$ZodIssue, args: ToolArguments): string[] {
  if (issue.code === 'unrecognized_keys') {
    if (issue.path.length > 0) {
      return issue.keys.map((key) => `${formatPath(issue.path)}.${key} is not allowed here. ${issue.message}`);
    }
    return issue.keys.map((key) => {
      const retired = args.retired?.get(key);
      if (retired) return retired;
      return args.readOnly?.has(key)
        ? `${key} is read-only: Intune sets it itself. Leave it out.`
        : `${key} is not an argument of this tool. It takes: ${args.known.join(', ')}.`;
    });
  }
  const where = issue.path.length ? formatPath(issue.path) : 'arguments';
  return [`${where}: ${issue.message}`];
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((part) => (typeof part === 'number' ? `[${part}]` : String(part))).join('.');
}
