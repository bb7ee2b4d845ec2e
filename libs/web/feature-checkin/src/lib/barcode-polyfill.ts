// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the `?url` module type, also for apps/web (which does not include this lib's .d.ts)
/// <reference path="../assets.d.ts" />
// The BarcodeDetector polyfill (zxing-wasm). Its `.wasm` is bundled by Vite and served from our origin (and
// precached by the service worker): the package's default would fetch it from a CDN, which a venue without internet
// — and CI — cannot reach. Loaded only where the browser has no native BarcodeDetector.
import { BarcodeDetector, prepareZXingModule } from 'barcode-detector/ponyfill';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

prepareZXingModule({
  overrides: {
    locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path),
  },
});

export function createPolyfillDetector(): {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
} {
  return new BarcodeDetector({ formats: ['qr_code'] });
}
