/**
 * The certificate file of client-certificate sign-in, checked at start-up. @azure/identity 4.13's
 * ClientCertificateCredential reads PEM only (it looks for "-----BEGIN CERTIFICATE-----" in the file read as UTF-8),
 * so a PKCS#12/PFX file, which Windows and the Azure portal hand out, would fail on the agent's first call with
 * "does not contain a PEM-encoded certificate". Said at start-up, with the command that converts it.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { extname } from 'node:path';

/** Enough for a key and a long chain; a PEM file is a few KiB. */
const MAX_BYTES = 1024 * 1024;

export const PFX_CONVERSION = 'openssl pkcs12 -in cert.pfx -out cert.pem -nodes';

/** What is wrong with the file, as the end of a sentence that starts with the variable's name; undefined if usable. */
export function certificateFileProblem(path: string): string | undefined {
  let content: Buffer;
  try {
    content = readStart(path);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'it is a directory'
            : String(code ?? (error instanceof Error ? error.message : error));
    return `points to ${path}, which cannot be read (${reason}). Set it to a PEM file holding the certificate and its private key.`;
  }
  const text = content.toString('latin1');
  const extension = extname(path).toLowerCase();
  // Binary DER (a PKCS#12 file is one long DER SEQUENCE: 0x30 and a long-form length), a .pfx/.p12 name, or no PEM
  // block at all: nothing PEM-only code can read. A PFX is by far the likeliest, so the fix given is its conversion.
  const der = content[0] === 0x30 && (content[1] ?? 0) >= 0x80;
  if (der || extension === '.pfx' || extension === '.p12' || !text.includes('-----BEGIN ')) {
    return `points to ${path}, which is not a PEM file (PKCS#12/PFX, by the look of it). The sign-in library reads PEM only: convert it with \`${PFX_CONVERSION}\` and set AZURE_CLIENT_CERTIFICATE_PATH to cert.pem (AZURE_CLIENT_CERTIFICATE_PASSWORD is then not needed; keep cert.pem as private as the PFX).`;
  }
  if (!/-----BEGIN CERTIFICATE-----/.test(text)) {
    return `points to ${path}, a PEM file without a certificate (-----BEGIN CERTIFICATE-----): put the certificate and its private key in one PEM file.`;
  }
  if (!/-----BEGIN (?:[A-Z]+ )?(?:ENCRYPTED )?PRIVATE KEY-----/.test(text)) {
    return `points to ${path}, a PEM file without a private key (-----BEGIN PRIVATE KEY-----): put the certificate and its private key in one PEM file.`;
  }
  return undefined;
}

function readStart(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(MAX_BYTES);
    const length = readSync(fd, buffer, 0, MAX_BYTES, 0);
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}
