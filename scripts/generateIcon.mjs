// Draws build/icon.png (1024×1024), the one icon electron-builder turns into the Linux icon set,
// the macOS .icns and the Windows .ico, and the same shapes as src/renderer/favicon.svg, the web
// page's icon. Plain zlib: no image library for a single generated file.
// Run: node scripts/generateIcon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 1024;
const BACKGROUND = [27, 42, 65];
const INK = [242, 193, 78];

/** Coverage in [0, 1] from a signed distance (negative inside), one pixel of soft edge. */
const cover = (d) => Math.min(1, Math.max(0, 0.5 - d));

const CORNER = 190;
const MARGIN = 24;

function roundedSquare(x, y) {
  const r = CORNER;
  const dx = Math.max(Math.abs(x - SIZE / 2) - (SIZE / 2 - r - MARGIN), 0);
  const dy = Math.max(Math.abs(y - SIZE / 2) - (SIZE / 2 - r - MARGIN), 0);
  return Math.hypot(dx, dy) - r;
}

function segment(x, y, [ax, ay], [bx, by], width) {
  const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(x - ax - t * (bx - ax), y - ay - t * (by - ay)) - width / 2;
}

// A sextant's frame: a 60° arc hanging from a pivot, its two radii, and the pivot.
const PIVOT = [512, 190];
const RADIUS = 620;
const ARC_WIDTH = 68;
const ARM_WIDTH = 44;
const PIVOT_RADIUS = 64;
const ends = [60, 120].map((deg) => [PIVOT[0] + RADIUS * Math.cos((deg * Math.PI) / 180), PIVOT[1] + RADIUS * Math.sin((deg * Math.PI) / 180)]);

function sextant(x, y) {
  const angle = (Math.atan2(y - PIVOT[1], x - PIVOT[0]) * 180) / Math.PI;
  const arc = angle >= 60 && angle <= 120 ? Math.abs(Math.hypot(x - PIVOT[0], y - PIVOT[1]) - RADIUS) - ARC_WIDTH / 2 : Infinity;
  const arms = Math.min(...ends.map((end) => segment(x, y, PIVOT, end, ARM_WIDTH)));
  const pivot = Math.hypot(x - PIVOT[0], y - PIVOT[1]) - PIVOT_RADIUS;
  return Math.min(arc, arms, pivot);
}

const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
  const row = y * (SIZE * 4 + 1);
  for (let x = 0; x < SIZE; x++) {
    const base = cover(roundedSquare(x + 0.5, y + 0.5));
    const ink = cover(sextant(x + 0.5, y + 0.5)) * base;
    const i = row + 1 + x * 4;
    for (let c = 0; c < 3; c++) raw[i + c] = Math.round(BACKGROUND[c] * (1 - ink) + INK[c] * ink);
    raw[i + 3] = Math.round(255 * base);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace

const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
writeFileSync(new URL('../build/icon.png', import.meta.url), png);
console.log(`build/icon.png: ${SIZE}×${SIZE}, ${png.length} bytes`);

// The same shapes as vectors: the arc's ends are cut square and the arms' ends round, as above.
const rgb = (c) => `rgb(${c.join(',')})`;
const at = ([x, y]) => `${x.toFixed(1)} ${y.toFixed(1)}`;
const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${SIZE} ${SIZE}">
  <rect x="${MARGIN}" y="${MARGIN}" width="${SIZE - 2 * MARGIN}" height="${SIZE - 2 * MARGIN}" rx="${CORNER}" fill="${rgb(BACKGROUND)}"/>
  <g fill="none" stroke="${rgb(INK)}">
    <path d="M ${at(ends[0])} A ${RADIUS} ${RADIUS} 0 0 1 ${at(ends[1])}" stroke-width="${ARC_WIDTH}"/>
    <path d="M ${at(ends[0])} L ${at(PIVOT)} L ${at(ends[1])}" stroke-width="${ARM_WIDTH}" stroke-linecap="round" stroke-linejoin="round"/>
  </g>
  <circle cx="${PIVOT[0]}" cy="${PIVOT[1]}" r="${PIVOT_RADIUS}" fill="${rgb(INK)}"/>
</svg>
`;
writeFileSync(new URL('../src/renderer/favicon.svg', import.meta.url), svg);
console.log(`src/renderer/favicon.svg: ${svg.length} bytes`);
