/**
 * The certificate file of client-certificate sign-in, checked at start-up. @azure/identity 4.13's
 * ClientCertificateCredential reads PEM only (it looks for "-----BEGIN CERTIFICATE-----" in the file read as UTF-8),
 * so a PKCS#12/PFX file, which Windows and the Azure portal hand out, would fail on the agent's first call with
 * "does not contain a PEM-encoded certificate". Said at start-up, with the command that converts it. Likewise an
 * encrypted key without its password (every call: "secretOrPrivateKey must be an asymmetric key when using PS256") or
 * with a wrong one (every call: "bad decrypt").
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { extname } from 'node:path';

/** Enough for a key and a long chain; a PEM file is a few KiB. */
const MAX_BYTES = 1024 * 1024;

export const PFX_CONVERSION = 'openssl pkcs12 -in cert.pfx -out cert.pem -nodes';

/** What is wrong with the file or its password, naming the variable; undefined if usable. */
export function certificateFileProblem(path: string, password: string | undefined): string | undefined {
  let content: Buffer;
  try {
    content = readStart(path);
  } catch (error) {
    return `AZURE_CLIENT_CERTIFICATE_PATH ${unreadable(path, error)}`;
  }
  const problem = pemProblem(path, content);
  if (problem) return `AZURE_CLIENT_CERTIFICATE_PATH ${problem}`;
  return keyPasswordProblem(path, content.toString('latin1'), password);
}

function unreadable(path: string, error: unknown): string {
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

/** What is wrong with the content, as the end of a sentence that starts with the variable's name. */
function pemProblem(path: string, content: Buffer): string | undefined {
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

/** PKCS#8 (ENCRYPTED PRIVATE KEY) and OpenSSL's traditional format (a Proc-Type header) alike. */
const ENCRYPTED_KEY = /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type:\s*4,ENCRYPTED/;

/**
 * An encrypted key needs AZURE_CLIENT_CERTIFICATE_PASSWORD, and it must decrypt the key the way @azure/identity will
 * (createPrivateKey on the whole file). node:crypto is loaded only here: an encrypted key with a password is the one
 * case that needs it, and every other start-up is spared it.
 */
function keyPasswordProblem(path: string, pem: string, password: string | undefined): string | undefined {
  if (!ENCRYPTED_KEY.test(pem)) return undefined;
  if (password === undefined) {
    return `AZURE_CLIENT_CERTIFICATE_PASSWORD is not set, but the private key in ${path} is encrypted: set it to the key's password, or decrypt the key into a file only the server can read (${KEY_DECRYPTION}) and point AZURE_CLIENT_CERTIFICATE_PATH to plain.pem.`;
  }
  try {
    process.getBuiltinModule('node:crypto').createPrivateKey({ key: pem, format: 'pem', passphrase: password });
    return undefined;
  } catch {
    // Never the library's message: nothing about the password leaves this function.
    return `AZURE_CLIENT_CERTIFICATE_PASSWORD does not decrypt the private key in ${path}: set it to that key's password.`;
  }
}

/** The key decrypted, then the certificate after it: one PEM file, as the sign-in library reads it. */
const KEY_DECRYPTION = 'openssl pkey -in app.pem -out plain.pem && openssl x509 -in app.pem >> plain.pem';

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
