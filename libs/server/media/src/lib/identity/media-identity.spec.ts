import { createCipheriv, hkdfSync, randomUUID } from 'node:crypto';
import { MediaIdentityCodec } from './media-identity';

describe(MediaIdentityCodec.name, () => {
  const codec = new MediaIdentityCodec('x'.repeat(40));
  const eventA = randomUUID();
  const eventB = randomUUID();

  it('is stable per person and event, opaque, and reversible', () => {
    const person = randomUUID();
    const identity = codec.identityOf(eventA, person);
    expect(identity).toMatch(/^p[A-Za-z0-9_-]{22}$/);
    expect(codec.identityOf(eventA, person)).toBe(identity);
    expect(identity).not.toContain(person.slice(0, 8));
    expect(codec.personIdOf(eventA, identity)).toBe(person);
  });

  it('differs between events and between secrets', () => {
    const person = randomUUID();
    expect(codec.identityOf(eventA, person)).not.toBe(codec.identityOf(eventB, person));
    expect(new MediaIdentityCodec('y'.repeat(40)).identityOf(eventA, person)).not.toBe(
      codec.identityOf(eventA, person),
    );
    expect(codec.personIdOf(eventB, codec.identityOf(eventA, person))).not.toBe(person);
  });

  it('rejects strings that are not identities', () => {
    expect(codec.personIdOf(eventA, 'EG_recorder')).toBeNull();
    expect(codec.personIdOf(eventA, 'p' + 'A'.repeat(21))).toBeNull();
    expect(codec.personIdOf(eventA, 'p' + 'A'.repeat(21) + 'B')).toBeNull();
    expect(() => codec.identityOf(eventA, 'not-a-uuid')).toThrow();
  });

  it('keeps the identities it has always issued (identities outlive a deployment)', () => {
    const person = '5e0c2021-0000-4000-8000-0000000000a1';
    expect(codec.identityOf('5e0c2021-0000-4000-8000-000000000001', person)).toBe('pRjlSb11enKQ26kdKITa9mw');
    expect(codec.identityOf('5e0c2021-0000-4000-8000-000000000002', person)).toBe('pCsLRD1wjvg_RIk9f1C1j1g');
  });

  it('gives every call the block a fresh AES context gives, however calls interleave across events', () => {
    const secret = 'z'.repeat(40);
    const shared = new MediaIdentityCodec(secret);
    const fresh = (eventId: string, personId: string): string => {
      const key = Buffer.from(hkdfSync('sha256', secret, 'plenary/media-identity/v1', eventId, 32));
      const cipher = createCipheriv('aes-256-ecb', key, null).setAutoPadding(false);
      const hex = personId.replace(/-/g, '');
      return `p${Buffer.concat([cipher.update(Buffer.from(hex, 'hex')), cipher.final()]).toString('base64url')}`;
    };
    for (let i = 0; i < 200; i++) {
      const eventId = i % 3 === 0 ? eventA : eventB;
      const person = randomUUID();
      const identity = shared.identityOf(eventId, person);
      expect(identity).toBe(fresh(eventId, person));
      if (i % 7 === 0) expect(shared.personIdOf(eventId, 'p' + 'A'.repeat(21))).toBeNull();
      expect(shared.personIdOf(eventId, identity)).toBe(person);
    }
  });
});
