// A minimal reader for the glyph outlines of GNU Unifont (UnifontEX, shipped as a WOFF file by
// @fontsource/unifontex): every Unicode BMP character as a 16-pixel bitmap, kanji, kana, hangul and
// Vietnamese included. Unifont's outlines are unions of 64-unit pixel squares, so sampling the
// outline at pixel centres at 16 px per em gives back Unifont's exact bitmap, which is then scaled
// with nearest-neighbour sampling. No native module, no system font.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';

/** One glyph as Unifont draws it: `width` × 16 pixels, 1 byte per pixel (1 = ink), row-major. */
export interface GlyphBitmap {
  width: number;
  height: number;
  pixels: Uint8Array;
}

const EM_PX = 16;

interface Tables {
  head: DataView;
  hhea: DataView;
  hmtx: DataView;
  maxp: DataView;
  cmap: DataView;
  loca: DataView;
  glyf: DataView;
}

function view(buf: Buffer): DataView {
  return new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
}

function readWoffTables(file: Buffer): Map<string, DataView> {
  const v = view(file);
  const woff = v.getUint32(0) === 0x774f4646;
  // WOFF 1.0: 44-byte header, 20-byte directory entries (tag, offset, compressed and original
  // length), zlib-compressed tables; plain TrueType/OpenType: 12-byte header, 16-byte entries
  // (tag, checksum, offset, length)
  const [numTables, first, entrySize] = woff ? [v.getUint16(12), 44, 20] : [v.getUint16(4), 12, 16];
  const tables = new Map<string, DataView>();
  for (let i = 0; i < numTables; i++) {
    const e = first + i * entrySize;
    const tag = file.toString('latin1', e, e + 4);
    if (woff) {
      const [offset, compLength, origLength] = [v.getUint32(e + 4), v.getUint32(e + 8), v.getUint32(e + 12)];
      const raw = file.subarray(offset, offset + compLength);
      tables.set(tag, view(compLength < origLength ? inflateSync(raw) : Buffer.from(raw)));
    } else {
      const [offset, length] = [v.getUint32(e + 8), v.getUint32(e + 12)];
      tables.set(tag, view(file.subarray(offset, offset + length)));
    }
  }
  return tables;
}

type Contour = Array<{ x: number; y: number; on: boolean }>;

export class UnifontGlyphs {
  private readonly t: Tables;
  private readonly unitsPerEm: number;
  private readonly ascender: number;
  private readonly longLoca: boolean;
  private readonly numHMetrics: number;
  private readonly cmap: (cp: number) => number;
  private readonly cache = new Map<number, GlyphBitmap>();

  constructor(fontFile: Buffer) {
    const all = readWoffTables(fontFile);
    const need = (tag: string): DataView => {
      const d = all.get(tag);
      if (!d) throw new Error(`font has no ${tag} table`);
      return d;
    };
    this.t = {
      head: need('head'),
      hhea: need('hhea'),
      hmtx: need('hmtx'),
      maxp: need('maxp'),
      cmap: need('cmap'),
      loca: need('loca'),
      glyf: need('glyf'),
    };
    this.unitsPerEm = this.t.head.getUint16(18);
    this.longLoca = this.t.head.getInt16(50) === 1;
    this.ascender = this.t.hhea.getInt16(4);
    this.numHMetrics = this.t.hhea.getUint16(34);
    this.cmap = this.readCmap();
  }

  /** Whether the font draws this code point itself (else glyph() gives U+FFFD, a box on paper). */
  has(cp: number): boolean {
    return this.cmap(cp) !== 0;
  }

  /** The glyph of a code point, or of U+FFFD when the font has none. */
  glyph(cp: number): GlyphBitmap {
    const cached = this.cache.get(cp);
    if (cached) return cached;
    let gid = this.cmap(cp);
    if (gid === 0 && cp !== 0xfffd) gid = this.cmap(0xfffd);
    const g = this.rasterize(gid);
    this.cache.set(cp, g);
    return g;
  }

  private readCmap(): (cp: number) => number {
    const c = this.t.cmap;
    const n = c.getUint16(2);
    let best: { offset: number; format: number } | undefined;
    for (let i = 0; i < n; i++) {
      const platform = c.getUint16(4 + i * 8);
      const encoding = c.getUint16(6 + i * 8);
      const offset = c.getUint32(8 + i * 8);
      const format = c.getUint16(offset);
      const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
      if (!unicode) continue;
      if (format === 12 && best?.format !== 12) best = { offset, format };
      else if (format === 4 && !best) best = { offset, format };
    }
    if (!best) throw new Error('font has no Unicode cmap');
    const o = best.offset;
    if (best.format === 12) {
      const groups = c.getUint32(o + 12);
      return (cp) => {
        let lo = 0;
        let hi = groups - 1;
        while (lo <= hi) {
          const mid = (lo + hi) >> 1;
          const g = o + 16 + mid * 12;
          const start = c.getUint32(g);
          const end = c.getUint32(g + 4);
          if (cp < start) hi = mid - 1;
          else if (cp > end) lo = mid + 1;
          else return c.getUint32(g + 8) + (cp - start);
        }
        return 0;
      };
    }
    const segX2 = c.getUint16(o + 6);
    const ends = o + 14;
    const starts = ends + segX2 + 2;
    const deltas = starts + segX2;
    const ranges = deltas + segX2;
    return (cp) => {
      if (cp > 0xffff) return 0;
      for (let s = 0; s < segX2; s += 2) {
        if (cp > c.getUint16(ends + s)) continue;
        const start = c.getUint16(starts + s);
        if (cp < start) return 0;
        const delta = c.getUint16(deltas + s);
        const rangeOffset = c.getUint16(ranges + s);
        if (rangeOffset === 0) return (cp + delta) & 0xffff;
        const gid = c.getUint16(ranges + s + rangeOffset + (cp - start) * 2);
        return gid === 0 ? 0 : (gid + delta) & 0xffff;
      }
      return 0;
    };
  }

  private advance(gid: number): number {
    const i = Math.min(gid, this.numHMetrics - 1);
    return this.t.hmtx.getUint16(i * 4);
  }

  private glyphRange(gid: number): [number, number] {
    const l = this.t.loca;
    return this.longLoca ? [l.getUint32(gid * 4), l.getUint32(gid * 4 + 4)] : [l.getUint16(gid * 2) * 2, l.getUint16(gid * 2 + 2) * 2];
  }

  private contours(gid: number, dx: number, dy: number, depth: number, out: Contour[]): void {
    const [start, end] = this.glyphRange(gid);
    if (end <= start || depth > 4) return;
    const g = this.t.glyf;
    const nContours = g.getInt16(start);
    if (nContours < 0) {
      // composite glyph: components placed by x/y offsets (scaling is not used by Unifont)
      let p = start + 10;
      for (;;) {
        const flags = g.getUint16(p);
        const child = g.getUint16(p + 2);
        p += 4;
        let ox = 0;
        let oy = 0;
        if (flags & 1) {
          ox = g.getInt16(p);
          oy = g.getInt16(p + 2);
          p += 4;
        } else {
          ox = g.getInt8(p);
          oy = g.getInt8(p + 1);
          p += 2;
        }
        if (flags & 8) p += 2;
        else if (flags & 0x40) p += 4;
        else if (flags & 0x80) p += 8;
        this.contours(child, dx + (flags & 2 ? ox : 0), dy + (flags & 2 ? oy : 0), depth + 1, out);
        if (!(flags & 0x20)) break;
      }
      return;
    }
    const endPts: number[] = [];
    let p = start + 10;
    for (let i = 0; i < nContours; i++, p += 2) endPts.push(g.getUint16(p));
    const nPoints = (endPts[endPts.length - 1] ?? -1) + 1;
    p += 2 + g.getUint16(p);
    const flags = new Uint8Array(nPoints);
    for (let i = 0; i < nPoints; ) {
      const f = g.getUint8(p++);
      flags[i++] = f;
      if (f & 8) {
        let r = g.getUint8(p++);
        while (r-- > 0 && i < nPoints) flags[i++] = f;
      }
    }
    const xs = new Int32Array(nPoints);
    const ys = new Int32Array(nPoints);
    for (const [arr, shortBit, sameBit] of [
      [xs, 2, 16],
      [ys, 4, 32],
    ] as const) {
      let v = 0;
      for (let i = 0; i < nPoints; i++) {
        const f = flags[i] ?? 0;
        if (f & shortBit) {
          const d = g.getUint8(p++);
          v += f & sameBit ? d : -d;
        } else if (!(f & sameBit)) {
          v += g.getInt16(p);
          p += 2;
        }
        arr[i] = v;
      }
    }
    let first = 0;
    for (const last of endPts) {
      const contour: Contour = [];
      for (let i = first; i <= last; i++) contour.push({ x: (xs[i] ?? 0) + dx, y: (ys[i] ?? 0) + dy, on: ((flags[i] ?? 0) & 1) === 1 });
      out.push(contour);
      first = last + 1;
    }
  }

  /** Straight edges of the outline in font units, quadratic curves flattened. */
  private edges(gid: number): Array<[number, number, number, number]> {
    const contours: Contour[] = [];
    this.contours(gid, 0, 0, 0, contours);
    const edges: Array<[number, number, number, number]> = [];
    for (const c of contours) {
      if (c.length < 2) continue;
      // expand implied on-curve points between two off-curve points, then flatten each curve
      const pts: Contour = [];
      for (let i = 0; i < c.length; i++) {
        const a = c[i];
        const b = c[(i + 1) % c.length];
        if (!a || !b) continue;
        pts.push(a);
        if (!a.on && !b.on) pts.push({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2, on: true });
      }
      const startIdx = pts.findIndex((q) => q.on);
      if (startIdx < 0) continue;
      const ring = [...pts.slice(startIdx), ...pts.slice(0, startIdx)];
      const first = ring[0];
      if (!first) continue;
      let cur = first;
      for (let i = 1; i <= ring.length; i++) {
        const q = ring[i % ring.length];
        if (!q) continue;
        if (q.on) {
          edges.push([cur.x, cur.y, q.x, q.y]);
          cur = q;
        } else {
          const next = ring[(i + 1) % ring.length] ?? first;
          const steps = 8;
          let px = cur.x;
          let py = cur.y;
          for (let s = 1; s <= steps; s++) {
            const t = s / steps;
            const x = (1 - t) * (1 - t) * cur.x + 2 * (1 - t) * t * q.x + t * t * next.x;
            const y = (1 - t) * (1 - t) * cur.y + 2 * (1 - t) * t * q.y + t * t * next.y;
            edges.push([px, py, x, y]);
            px = x;
            py = y;
          }
          cur = next;
          i++;
        }
      }
    }
    return edges;
  }

  private rasterize(gid: number): GlyphBitmap {
    const unit = this.unitsPerEm / EM_PX;
    const width = Math.max(1, Math.round(this.advance(gid) / unit));
    const height = EM_PX;
    const pixels = new Uint8Array(width * height);
    const edges = this.edges(gid);
    for (let row = 0; row < height; row++) {
      const y = this.ascender - (row + 0.5) * unit;
      const crossings: Array<{ x: number; dir: number }> = [];
      for (const [x0, y0, x1, y1] of edges) {
        if (y0 === y1) continue;
        const up = y1 > y0;
        const lo = up ? y0 : y1;
        const hi = up ? y1 : y0;
        if (y < lo || y >= hi) continue;
        crossings.push({ x: x0 + ((y - y0) * (x1 - x0)) / (y1 - y0), dir: up ? 1 : -1 });
      }
      crossings.sort((a, b) => a.x - b.x);
      let winding = 0;
      for (let i = 0; i < crossings.length; i++) {
        const c = crossings[i];
        if (!c) continue;
        const before = winding;
        winding += c.dir;
        const next = crossings[i + 1];
        if (before === 0 && winding !== 0 && next) {
          // fill pixels whose centres lie between this crossing and where the winding returns to 0
          let j = i + 1;
          let w = winding;
          let endX = next.x;
          for (; j < crossings.length; j++) {
            const cj = crossings[j];
            if (!cj) break;
            w += cj.dir;
            endX = cj.x;
            if (w === 0) break;
          }
          const from = Math.max(0, Math.ceil(c.x / unit - 0.5));
          const to = Math.min(width - 1, Math.ceil(endX / unit - 0.5) - 1);
          for (let px = from; px <= to; px++) pixels[row * width + px] = 1;
          winding = 0;
          i = j;
        }
      }
    }
    return { width, height, pixels };
  }
}

let shared: UnifontGlyphs | undefined;

/** The shared Unifont glyph source, loaded on first use (about 0.1 s). */
export function unifont(): UnifontGlyphs {
  if (!shared) {
    const require = createRequire(import.meta.url);
    const file = require.resolve('@fontsource/unifontex/files/unifontex-latin-400-normal.woff');
    shared = new UnifontGlyphs(readFileSync(file));
  }
  return shared;
}
