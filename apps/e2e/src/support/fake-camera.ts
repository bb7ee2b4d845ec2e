import { writeFileSync } from 'node:fs';
import { create } from 'qrcode';

/**
 * Writes a YUV4MPEG2 (4:2:0) video for Chromium's fake camera (`--use-file-for-fake-video-capture`): `frames`
 * identical frames showing the QR code of `text`, black modules on white with a four-module quiet zone, centred.
 */
export function writeQrVideo(
  path: string,
  text: string,
  { width = 640, height = 480, frames = 5 } = {},
): void {
  const qr = create(text, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const quiet = 4;
  const scale = Math.floor(Math.min(width, height) / (size + 2 * quiet));
  const side = (size + 2 * quiet) * scale;
  const left = Math.floor((width - side) / 2);
  const top = Math.floor((height - side) / 2);

  const luma = Buffer.alloc(width * height, 235); // white background (video range)
  for (let row = 0; row < size; row += 1) {
    for (let column = 0; column < size; column += 1) {
      if (!qr.modules.get(row, column)) continue;
      const y0 = top + (row + quiet) * scale;
      const x0 = left + (column + quiet) * scale;
      for (let y = y0; y < y0 + scale; y += 1) luma.fill(16, y * width + x0, y * width + x0 + scale);
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(path, Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]));
}
