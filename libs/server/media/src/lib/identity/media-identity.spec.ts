import { randomUUID } from 'node:crypto';
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
});
