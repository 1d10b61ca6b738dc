/**
 * Draws the toolbar icons (a white seat on a blue rounded square) as PNGs with
 * nothing but zlib, so the build needs no image tools and nothing downloaded.
 * Run `pnpm icons` after changing the drawing; the PNGs are committed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

type Rect = { x: number; y: number; w: number; h: number; r: number };
/** The drawing on a 0..1 canvas. */
const BACKGROUND: Rect = { x: 0.03, y: 0.03, w: 0.94, h: 0.94, r: 0.22 };
const SEAT: Rect[] = [
  { x: 0.27, y: 0.2, w: 0.16, h: 0.46, r: 0.07 }, // backrest
  { x: 0.27, y: 0.52, w: 0.46, h: 0.14, r: 0.07 }, // seat
  { x: 0.6, y: 0.52, w: 0.13, h: 0.3, r: 0.06 }, // front leg
  { x: 0.27, y: 0.52, w: 0.13, h: 0.3, r: 0.06 }, // back leg
];

function inside(rect: Rect, px: number, py: number): boolean {
  const dx = Math.max(rect.x + rect.r - px, 0, px - (rect.x + rect.w - rect.r));
  const dy = Math.max(rect.y + rect.r - py, 0, py - (rect.y + rect.h - rect.r));
  return dx * dx + dy * dy <= rect.r * rect.r;
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size: number): Buffer {
  const S = 4; // supersampling per axis
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      let bg = 0;
      let fg = 0;
      for (let sy = 0; sy < S; sy++)
        for (let sx = 0; sx < S; sx++) {
          const px = (x + (sx + 0.5) / S) / size;
          const py = (y + (sy + 0.5) / S) / size;
          if (inside(BACKGROUND, px, py)) {
            bg++;
            if (SEAT.some((r) => inside(r, px, py))) fg++;
          }
        }
      const a = bg / (S * S);
      const f = bg ? fg / bg : 0;
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = Math.round(0x25 + (255 - 0x25) * f);
      raw[o + 1] = Math.round(0x63 + (255 - 0x63) * f);
      raw[o + 2] = Math.round(0xeb + (255 - 0xeb) * f);
      raw[o + 3] = Math.round(255 * a);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8;
  header[9] = 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync(new URL('../public/icon/', import.meta.url), { recursive: true });
for (const size of [16, 32, 48, 128]) writeFileSync(new URL(`../public/icon/${size}.png`, import.meta.url), png(size));
console.log('icons written to public/icon/');
