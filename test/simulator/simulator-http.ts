/**
 * Talking to the Graph simulator directly over HTTP (fetch), the way Graph is talked to, without the MCP server;
 * and a PNG reader that checks what an image viewer would.
 */
import { inflateSync } from 'node:zlib';
import type { GraphSimulator } from '../../src/simulator/graph-simulator.js';

export const AFW = '/deviceManagement/androidForWorkEnrollmentProfiles';
export const DEVICE_OWNER = '/deviceManagement/androidDeviceOwnerEnrollmentProfiles';

export interface Answer {
  readonly status: number;
  readonly text: string;
  readonly headers: Headers;
  /** The body as JSON (undefined when empty). */
  readonly json: Record<string, unknown> | undefined;
}

export async function call(
  sim: GraphSimulator,
  method: string,
  path: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<Answer> {
  const response = await fetch(`${sim.baseUrl}${path}`, {
    method,
    headers: { authorization: 'Bearer simulator-test-token', 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    ...(signal ? { signal } : {}),
  });
  const text = await response.text();
  return {
    status: response.status,
    text,
    headers: response.headers,
    json: text ? (JSON.parse(text) as Record<string, unknown>) : undefined,
  };
}

/** Graph's error envelope: code and message. */
export function errorOf(answer: Answer): { code: string; message: string } {
  return (answer.json as { error: { code: string; message: string } }).error;
}

/** Intune's Message inside error.message. */
export function intuneMessageOf(answer: Answer): string {
  return (JSON.parse(errorOf(answer).message) as { Message: string }).Message;
}

export async function read(sim: GraphSimulator, path: string): Promise<Record<string, unknown>> {
  const answer = await call(sim, 'GET', path);
  if (answer.status !== 200) throw new Error(`GET ${path}: ${answer.status} ${answer.text}`);
  return answer.json ?? {};
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 as the PNG specification defines it, written out here rather than taken from the code under test. */
export function pngCrc(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export interface PngInfo {
  readonly width: number;
  readonly height: number;
  readonly chunkTypes: string[];
  /** The decompressed scanlines. */
  readonly pixels: Buffer;
}

/** Parses a PNG file, throwing on a wrong signature, a bad CRC or a truncated chunk. */
export function readPng(bytes: Buffer): PngInfo {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!bytes.subarray(0, 8).equals(signature)) throw new Error('not a PNG signature');
  const chunkTypes: string[] = [];
  const idat: Buffer[] = [];
  let width = 0;
  let height = 0;
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    if (at + 12 + length > bytes.length) throw new Error('truncated chunk');
    const typeAndData = bytes.subarray(at + 4, at + 8 + length);
    const type = typeAndData.subarray(0, 4).toString('ascii');
    if (bytes.readUInt32BE(at + 8 + length) !== pngCrc(typeAndData)) throw new Error(`bad CRC in ${type}`);
    const data = typeAndData.subarray(4);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
    }
    if (type === 'IDAT') idat.push(data);
    chunkTypes.push(type);
    at += 12 + length;
  }
  return { width, height, chunkTypes, pixels: inflateSync(Buffer.concat(idat)) };
}
