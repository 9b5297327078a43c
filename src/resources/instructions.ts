/** The loop an agent should follow, told in the initialize result; it names the tools this deployment offers. */

import { FIND_EXPIRING_TOOL } from './profile-tools/find-expiring-tool.js';
import type { ProfileKind } from './profile-tools/profile-kind.js';

export interface InstructionOptions {
  readonly kinds: readonly ProfileKind[];
  readonly readOnly: boolean;
  readonly revealSecrets: boolean;
  readonly simulated: boolean;
}

export function serverInstructions(options: InstructionOptions): string {
  const { kinds } = options;
  const lines = [
    'Manages Microsoft Intune Android enrollment profiles and their enrollment tokens through Microsoft Graph.',
    ...kinds.map(
      (kind) =>
        `- ${kind.noun}s: ${kind.tools.list}, ${kind.tools.get}${options.readOnly ? '' : `, ${kind.tools.preview}, ${kind.tools.update}, ${kind.tools.createToken}, ${kind.tools.revokeToken}`}.`,
    ),
    `${FIND_EXPIRING_TOOL} lists the tokens that expire soon (or already did) across them.`,
  ];
  if (options.readOnly) {
    lines.push(
      'This server is read-only (INTUNE_MCP_READ_ONLY / --read-only): it can find and read profiles, not change them.',
    );
  } else {
    const [first] = kinds;
    if (first) {
      lines.push(
        `To change a profile: find its id (${first.tools.list}), read it (${first.tools.get}) and note lastModifiedDateTime, show the change with ${first.tools.preview}, then call ${first.tools.update} with expectedLastModifiedDateTime so it is refused if someone changed the profile meanwhile${kinds.length > 1 ? ' (likewise for the other kind)' : ''}.`,
        `To rotate a token, call the create-token tool (${first.tools.createToken}): each call invalidates the previous token, so never call it twice for one rotation, and never write tokenValue to rotate.`,
      );
    }
  }
  const secrets = [...new Set(kinds.flatMap((kind) => kind.secretPaths))].join(', ');
  lines.push(
    options.revealSecrets
      ? `Secrets (${secrets}) are shown, because the operator allowed it: anyone holding them can enroll a device; do not repeat them needlessly.`
      : `Secrets (${secrets}) appear as "[redacted]"; never send that marker back as a value (it is refused).`,
  );
  if (options.simulated) {
    lines.push('Simulate mode: every result comes from a built-in simulator; no real tenant is read or changed.');
  }
  return lines.join('\n');
}
