/** What the scanner needs of a BarcodeDetector (native or polyfilled). */
export interface QrDetector {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}

export type QrDetectorFactory = () => Promise<QrDetector>;

interface NativeBarcodeDetector {
  new (options: { formats: string[] }): QrDetector;
  getSupportedFormats(): Promise<string[]>;
}

/** The browser's own BarcodeDetector when it reads QR codes (Android, macOS, ChromeOS); else the zxing-wasm polyfill. */
export const createQrDetector: QrDetectorFactory = async () => {
  const native = (globalThis as { BarcodeDetector?: NativeBarcodeDetector }).BarcodeDetector;
  if (native) {
    try {
      if ((await native.getSupportedFormats()).includes('qr_code'))
        return new native({ formats: ['qr_code'] });
    } catch {
      // Fall through to the polyfill.
    }
  }
  const { createPolyfillDetector } = await import('./barcode-polyfill');
  return createPolyfillDetector();
};

/**
 * Debounces camera reads: the same code is taken again only `cooldownMs` after it was last taken, so a ticket held
 * in front of the camera is not scanned many times a second.
 */
export class ReadDebouncer {
  private readonly lastTaken = new Map<string, number>();

  constructor(private readonly cooldownMs: number) {}

  take(code: string, now: number): boolean {
    const last = this.lastTaken.get(code);
    if (last !== undefined && now - last < this.cooldownMs) return false;
    this.lastTaken.set(code, now);
    return true;
  }
}
