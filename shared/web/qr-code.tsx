import { useMemo } from 'react';
import QRCode from 'qrcode';

/**
 * A QR code drawn as one SVG path (no canvas, no data URL), with the standard 4-module quiet zone:
 * the kiosk's ticket link and the booking's. Its own entry (`@madoguchi/shared/web/qr-code`), not
 * in the barrel, so that a page can load it (and the qrcode package) lazily.
 */
export function QrCode({ text, label }: { text: string; label: string }) {
  const { size, path } = useMemo(() => {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
    let d = '';
    for (let y = 0; y < modules.size; y += 1) {
      for (let x = 0; x < modules.size; x += 1) {
        if (modules.get(y, x)) d += `M${x + 4} ${y + 4}h1v1h-1z`;
      }
    }
    return { size: modules.size + 8, path: d };
  }, [text]);
  return (
    <svg className="qr" viewBox={`0 0 ${size} ${size}`} role="img" aria-label={label} shapeRendering="crispEdges" data-testid="qr">
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
