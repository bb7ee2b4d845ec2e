import { createCipheriv, createDecipheriv, hkdfSync } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const IDENTITY = /^p([A-Za-z0-9_-]{22})$/;
const MAX_CACHED_KEYS = 1000;

/**
 * Opaque LiveKit identities (see docs/adr/0010-opaque-media-identities.md): the 16 bytes of the person id encrypted
 * with AES-256 (one block, a keyed permutation) under a key derived per event from a server secret. Stable for a
 * person within an event (LiveKit's duplicate-identity rule then closes a second window), unlinkable across
 * events, free of names and e-mail addresses, and reversible by the server alone: webhooks and moderator actions
 * map an identity back to the person without a lookup table.
 */
export class MediaIdentityCodec {
  private readonly keys = new Map<string, Buffer>();

  constructor(private readonly secret: string) {}

  /** The identity of a person in an event's rooms: `p` + 22 base64url characters. */
  identityOf(eventId: string, personId: string): string {
    if (!UUID.test(personId)) throw new Error('person ids are UUIDs');
    const cipher = createCipheriv('aes-256-ecb', this.key(eventId), null).setAutoPadding(false);
    const block = Buffer.concat([
      cipher.update(Buffer.from(personId.replace(/-/g, ''), 'hex')),
      cipher.final(),
    ]);
    return `p${block.toString('base64url')}`;
  }

  /** The person id behind an identity of this event, or null when the string is not one of ours. */
  personIdOf(eventId: string, identity: string): string | null {
    const match = IDENTITY.exec(identity);
    if (!match?.[1]) return null;
    const block = Buffer.from(match[1], 'base64url');
    if (block.length !== 16 || block.toString('base64url') !== match[1]) return null;
    const decipher = createDecipheriv('aes-256-ecb', this.key(eventId), null).setAutoPadding(false);
    const hex = Buffer.concat([decipher.update(block), decipher.final()]).toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  private key(eventId: string): Buffer {
    let key = this.keys.get(eventId);
    if (!key) {
      key = Buffer.from(hkdfSync('sha256', this.secret, 'plenary/media-identity/v1', eventId, 32));
      if (this.keys.size >= MAX_CACHED_KEYS) this.keys.clear();
      this.keys.set(eventId, key);
    }
    return key;
  }
}
