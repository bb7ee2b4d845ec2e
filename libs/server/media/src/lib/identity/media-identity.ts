import { createCipheriv, createDecipheriv, hkdfSync, type Cipher, type Decipher } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const IDENTITY = /^p([A-Za-z0-9_-]{22})$/;
const MAX_CACHED_KEYS = 1000;

/**
 * Opaque LiveKit identities (see docs/adr/0012-opaque-media-identities.md): the 16 bytes of the person id encrypted
 * with AES-256 (one block, a keyed permutation) under a key derived per event from a server secret. Stable for a
 * person within an event (LiveKit's duplicate-identity rule then closes a second window), unlinkable across
 * events, free of names and e-mail addresses, and reversible by the server alone: webhooks and moderator actions
 * map an identity back to the person without a lookup table.
 */
export class MediaIdentityCodec {
  private readonly ciphers = new Map<string, EventCipher>();

  constructor(private readonly secret: string) {}

  /** The identity of a person in an event's rooms: `p` + 22 base64url characters. */
  identityOf(eventId: string, personId: string): string {
    if (!UUID.test(personId)) throw new Error('person ids are UUIDs');
    const block = this.cipher(eventId).encrypt.update(Buffer.from(personId.replace(/-/g, ''), 'hex'));
    return `p${block.toString('base64url')}`;
  }

  /** The person id behind an identity of this event, or null when the string is not one of ours. */
  personIdOf(eventId: string, identity: string): string | null {
    const match = IDENTITY.exec(identity);
    if (!match?.[1]) return null;
    const block = Buffer.from(match[1], 'base64url');
    if (block.length !== 16 || block.toString('base64url') !== match[1]) return null;
    const hex = this.cipher(eventId).decrypt.update(block).toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  /**
   * The event's AES-256-ECB contexts, created once per event. ECB without padding keeps no state between blocks, so
   * one context serves every call: `update()` of exactly one block returns that block encrypted (decrypted), as a
   * fresh context followed by `final()` would, without creating a context per call. Callers pass 16 bytes only.
   */
  private cipher(eventId: string): EventCipher {
    let cipher = this.ciphers.get(eventId);
    if (!cipher) {
      const key = Buffer.from(hkdfSync('sha256', this.secret, 'plenary/media-identity/v1', eventId, 32));
      cipher = {
        encrypt: createCipheriv('aes-256-ecb', key, null).setAutoPadding(false),
        decrypt: createDecipheriv('aes-256-ecb', key, null).setAutoPadding(false),
      };
      if (this.ciphers.size >= MAX_CACHED_KEYS) this.ciphers.clear();
      this.ciphers.set(eventId, cipher);
    }
    return cipher;
  }
}

interface EventCipher {
  encrypt: Cipher;
  decrypt: Decipher;
}
