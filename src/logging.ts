/**
 * Diagnostics: to stderr, and to the connected client as MCP logging notifications. Never to stdout, which carries
 * only JSON-RPC. Every line passes the secret scrubber first, which hides enrollment tokens even where results may show
 * them (INTUNE_MCP_REVEAL_ENROLLMENT_TOKENS).
 */
import type { LoggingLevel } from '@modelcontextprotocol/sdk/types.js';
import { PACKAGE_NAME } from './package-info.js';
import { scrubSecretsFromLog } from './security/secret-scrubber.js';

type LogSink = (level: LoggingLevel, text: string) => Promise<void>;

let stderrGone = false;
// A client may close our stderr (or exit without reading it) while the session goes on over stdin/stdout. Writing to
// the closed pipe then fails with EPIPE, asynchronously, as an 'error' event: unhandled, that would end the process.
process.stderr.on('error', () => {
  stderrGone = true;
});

/** Writes to stderr, best-effort: diagnostics that cannot be delivered are dropped, never a reason to fail. */
export function writeDiagnostic(text: string): void {
  if (stderrGone || process.stderr.destroyed) return;
  try {
    process.stderr.write(text);
  } catch {
    stderrGone = true;
  }
}

export class Logger {
  private clientSink: LogSink | undefined;

  /** Once the MCP connection is up, log lines also go to the client (which filters them by its logging/setLevel). */
  attachClient(sink: LogSink): void {
    this.clientSink = sink;
  }

  info(message: string): Promise<void> {
    return this.log('info', message);
  }
  warning(message: string): Promise<void> {
    return this.log('warning', message);
  }
  error(message: string): Promise<void> {
    return this.log('error', message);
  }

  async log(level: LoggingLevel, message: string): Promise<void> {
    const text = scrubSecretsFromLog(message);
    if (level !== 'debug') writeDiagnostic(`${PACKAGE_NAME}: ${level}: ${text}\n`);
    // A client that went away must not turn a log line into a failure.
    await this.clientSink?.(level, text).catch(() => undefined);
  }
}
