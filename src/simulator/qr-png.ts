/**
 * A small, valid PNG that looks like a QR code: the three finder squares and a grid of modules derived from the
 * text. It is not a scannable QR code (Intune's is; a picture that opens in any image viewer is enough here),
 * but it is a real PNG: signature, IHDR, zlib-compressed IDAT and IEND, each chunk with its CRC-32.
 */
import { createHash } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';

/** A version-2 QR code is 25 × 25 modules. */
const MODULES = 25;
const QUIET_ZONE = 4;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The picture of `text`, as the bytes of a PNG file: 132 × 132 pixels at the default 4 pixels a module. */
export function qrLookingPng(text: string, pixelsPerModule = 4): Buffer {
  const dark = moduleGrid(text);
  const side = (MODULES + 2 * QUIET_ZONE) * pixelsPerModule;
  // 8-bit greyscale, one filter byte (0: none) in front of each row.
  const raw = Buffer.alloc(side * (side + 1), 0xff);
  for (let y = 0; y < side; y++) {
    raw[y * (side + 1)] = 0;
    const row = Math.floor(y / pixelsPerModule) - QUIET_ZONE;
    for (let x = 0; x < side; x++) {
      const column = Math.floor(x / pixelsPerModule) - QUIET_ZONE;
      if (dark(row, column)) raw[y * (side + 1) + 1 + x] = 0;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header.set([8, 0, 0, 0, 0], 8); // bit depth 8, greyscale, deflate, adaptive filtering, no interlace
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** Whether the module at (row, column) is dark: finder patterns in three corners, data from a hash of the text. */
function moduleGrid(text: string): (row: number, column: number) => boolean {
  let bits = Buffer.alloc(0);
  for (let round = 0; bits.length * 8 < MODULES * MODULES; round++) {
    bits = Buffer.concat([bits, createHash('sha256').update(`${round}:${text}`).digest()]);
  }
  const finder = (row: number, column: number): boolean | undefined => {
    for (const [top, left] of [
      [0, 0],
      [0, MODULES - 7],
      [MODULES - 7, 0],
    ] as const) {
      const r = row - top;
      const c = column - left;
      if (r >= -1 && r <= 7 && c >= -1 && c <= 7) {
        if (r < 0 || r > 6 || c < 0 || c > 6) return false; // the light separator around each finder
        const ring = Math.min(r, c, 6 - r, 6 - c);
        return ring !== 1;
      }
    }
    return undefined;
  };
  return (row, column) => {
    if (row < 0 || column < 0 || row >= MODULES || column >= MODULES) return false;
    const fixed = finder(row, column);
    if (fixed !== undefined) return fixed;
    const index = row * MODULES + column;
    return ((bits[index >> 3] ?? 0) >> (index & 7)) % 2 === 1;
  };
}
