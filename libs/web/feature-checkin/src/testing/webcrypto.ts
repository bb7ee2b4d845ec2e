import { webcrypto } from 'node:crypto';

/** jsdom's `crypto` lacks `subtle`: use Node's WebCrypto (it has Ed25519), as the browser does. */
export function installWebCrypto(): void {
  if (!globalThis.crypto?.subtle) {
    Object.defineProperty(globalThis, 'crypto', { configurable: true, value: webcrypto });
  }
}

const toBase64Url = (bytes: Uint8Array): string =>
  Buffer.from(bytes).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

const uuidBytes = (uuid: string): Uint8Array => Uint8Array.from(Buffer.from(uuid.replace(/-/g, ''), 'hex'));

/** An event's Ed25519 key pair that signs `PL1.` payloads the way the server does (ADR 0008). */
export async function createTicketSigner(eventId: string) {
  installWebCrypto();
  const pair = (await webcrypto.subtle.generateKey({ name: 'Ed25519' }, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const publicKey = toBase64Url(new Uint8Array(await webcrypto.subtle.exportKey('raw', pair.publicKey)));
  return {
    publicKey,
    /** The QR payload of `ticketId`, signed for `forEvent` (this event by default). */
    async payload(ticketId: string, forEvent: string = eventId): Promise<string> {
      const message = new Uint8Array([...uuidBytes(forEvent), ...uuidBytes(ticketId)]);
      const signature = new Uint8Array(
        await webcrypto.subtle.sign({ name: 'Ed25519' }, pair.privateKey, message),
      );
      return `PL1.${toBase64Url(new Uint8Array([...message, ...signature]))}`;
    },
  };
}
