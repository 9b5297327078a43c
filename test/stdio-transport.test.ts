/**
 * MessageSizeLimit on its own: lines within the limit reach the SDK unchanged however stdin cuts them into chunks; a
 * line over the limit never reaches it whole, is reported once with its length, and its id is found at either end.
 */
import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MessageSizeLimit, type OversizedMessage } from '../src/stdio-transport.js';

async function run(maxBytes: number, chunks: readonly Buffer[]): Promise<{ out: string; refused: OversizedMessage[] }> {
  const refused: OversizedMessage[] = [];
  const limit = new MessageSizeLimit(maxBytes, (message) => refused.push(message));
  const source = new PassThrough();
  source.pipe(limit);
  const out: Buffer[] = [];
  limit.on('data', (chunk: Buffer) => out.push(chunk));
  const ended = new Promise((resolve) => limit.on('end', resolve));
  for (const chunk of chunks) source.write(chunk);
  source.end();
  await ended;
  return { out: Buffer.concat(out).toString('utf8'), refused };
}

function cut(text: string, sizes: readonly number[]): Buffer[] {
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const size = sizes.length ? Math.max(1, sizes[i % sizes.length] ?? 1) : bytes.length;
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return chunks;
}

describe('MessageSizeLimit', () => {
  it('passes lines within the limit unchanged and cuts off the others, for any chunking', async () => {
    const MAX = 40;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: fc.constantFrom('a', 'b', '{', '"', 'é', ' '), maxLength: 90 }), { maxLength: 12 }),
        fc.array(fc.integer({ min: 1, max: 70 }), { maxLength: 8 }),
        async (lines, sizes) => {
          const { out, refused } = await run(MAX, cut(lines.map((line) => `${line}\n`).join(''), sizes));
          const tooLong = lines.filter((line) => Buffer.byteLength(line) > MAX);
          const outLines = out.split('\n').slice(0, -1);
          let o = 0;
          for (const line of lines) {
            if (Buffer.byteLength(line) <= MAX) {
              while (outLines[o] !== undefined && outLines[o] !== line) {
                // a cut-off prefix of an oversized line: never whole, never over the limit
                expect(Buffer.byteLength(outLines[o] ?? '')).toBeLessThanOrEqual(MAX);
                o++;
              }
              expect(outLines[o]).toBe(line);
              o++;
            }
          }
          for (const piece of outLines) expect(Buffer.byteLength(piece)).toBeLessThanOrEqual(MAX);
          expect(refused.map((r) => r.bytes)).toEqual(tooLong.map((line) => Buffer.byteLength(line)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it.each([
    [
      'last, as the SDK client writes it',
      `{"method":"tools/call","params":{"a":"${'x'.repeat(200)}"},"jsonrpc":"2.0","id":42}`,
      42,
    ],
    ['first', `{"jsonrpc":"2.0","id":"abc","method":"m","params":{"a":"${'x'.repeat(200)}"}}`, 'abc'],
    ['first, without jsonrpc before it', `{"id":-3,"jsonrpc":"2.0","params":{"a":"${'x'.repeat(200)}"}}`, -3],
    ['nowhere', `{"method":"m","params":{"a":"${'x'.repeat(200)}"},"jsonrpc":"2.0"}`, undefined],
    ['only inside params (not the request id)', `{"method":"m","params":{"a":"${'x'.repeat(200)}","id":5}}`, undefined],
    ['only inside a string', `{"method":"m","params":{"a":"${'x'.repeat(200)},\\"id\\":5}"}}`, undefined],
  ])('finds the id when it stands %s', async (_label, line, id) => {
    for (const size of [1, 7, 64, 10_000]) {
      const { out, refused } = await run(100, cut(`${line}\n{"ok":1}\n`, [size]));
      expect(refused).toEqual([{ bytes: Buffer.byteLength(line), id }]);
      expect(out.split('\n').slice(-2)).toEqual(['{"ok":1}', '']);
    }
  });
});
