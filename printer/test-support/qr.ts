// Test helpers: read a QR code off a 1-byte-per-pixel image or a PNG, as a phone camera would.
import jsqr from 'jsqr';
import { PNG } from 'pngjs';

// jsqr is CommonJS with an ES-style `default`; reach the function either way
type JsQr = typeof jsqr.default;
const jsQR: JsQr = (jsqr as unknown as { default?: JsQr }).default ?? (jsqr as unknown as JsQr);

export function readQr(image: { width: number; height: number; pixels: Uint8Array }): string | undefined {
  // jsQR wants a quiet zone: put the image on a white margin
  const m = 16;
  const w = image.width + 2 * m;
  const h = image.height + 2 * m;
  const rgba = new Uint8ClampedArray(w * h * 4).fill(255);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      if (!image.pixels[y * image.width + x]) continue;
      const i = ((y + m) * w + x + m) * 4;
      rgba[i] = rgba[i + 1] = rgba[i + 2] = 0;
    }
  }
  return jsQR(rgba, w, h, { inversionAttempts: 'dontInvert' })?.data;
}

export function readQrFromPng(png: Buffer): string | undefined {
  const img = PNG.sync.read(png);
  const pixels = new Uint8Array(img.width * img.height);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (img.data[i * 4] ?? 255) < 128 ? 1 : 0;
  return readQr({ width: img.width, height: img.height, pixels });
}
