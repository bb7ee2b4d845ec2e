import { AccessCache, personTag, sessionTag, signInTag, staleTagsOf, type CacheLookup } from './access-cache';

const PERSON = '11111111-1111-4111-8111-111111111111';
const SESSION = '22222222-2222-4222-8222-222222222222';
const EVENT = '33333333-3333-4333-8333-333333333333';

/** A cache over a counter-backed loader, recording lookups. */
function setUp(options: { ttlMs?: number; maxEntries?: number } = {}) {
  let live = true;
  const lookups: CacheLookup[] = [];
  const cache = new AccessCache<{ n: number }>(
    options.ttlMs ?? 60_000,
    options.maxEntries ?? 100,
    () => live,
    (lookup) => lookups.push(lookup),
  );
  let loads = 0;
  const load = async () => ({ n: ++loads });
  const get = (key = 'k', tags = [personTag(PERSON)]) => cache.get(key, load, () => ({ tags }));
  return {
    cache,
    get,
    lookups,
    loads: () => loads,
    setLive: (value: boolean) => {
      live = value;
    },
  };
}

describe('AccessCache', () => {
  afterEach(() => jest.useRealTimers());

  it('loads once and serves the stored value until an event names its tag', async () => {
    const { cache, get, lookups } = setUp();
    expect(await get()).toEqual({ n: 1 });
    expect(await get()).toEqual({ n: 1 });
    cache.invalidate(personTag('someone-else'));
    expect(await get()).toEqual({ n: 1 });
    cache.invalidate(personTag(PERSON));
    expect(await get()).toEqual({ n: 2 });
    expect(lookups).toEqual(['miss', 'hit', 'hit', 'miss']);
  });

  it('keeps an entry no longer than the TTL, nor past the expiry its value gives', async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const { cache, get } = setUp({ ttlMs: 30_000 });
    await get();
    jest.setSystemTime(1_029_999);
    expect(await get()).toEqual({ n: 1 });
    jest.setSystemTime(1_030_000);
    expect(await get()).toEqual({ n: 2 });

    let loads = 0;
    const lapsing = () =>
      cache.get(
        'lapsing',
        async () => ({ n: ++loads }),
        () => ({ tags: [], expiresAt: 1_035_000 }),
      );
    await lapsing();
    jest.setSystemTime(1_034_999);
    expect(await lapsing()).toEqual({ n: 1 });
    jest.setSystemTime(1_035_000);
    expect(await lapsing()).toEqual({ n: 2 });
  });

  it('does not store a load that was in flight when something was invalidated', async () => {
    const { cache } = setUp();
    let release: (value: { n: number }) => void = () => undefined;
    const slow = cache.get(
      'k',
      () => new Promise<{ n: number }>((resolve) => (release = resolve)),
      () => ({ tags: [personTag(PERSON)] }),
    );
    cache.invalidate(sessionTag(SESSION)); // any invalidation: the load may have read the state before it
    release({ n: 1 });
    expect(await slow).toEqual({ n: 1 }); // the caller still gets what was read …
    expect(cache.size).toBe(0); // … but it is not kept
  });

  it('shares a load in flight with callers of the same key, but not across an invalidation', async () => {
    const { cache } = setUp();
    const releases: Array<(value: { n: number }) => void> = [];
    let loads = 0;
    const get = () =>
      cache.get(
        'k',
        () => {
          loads += 1;
          return new Promise<{ n: number }>((resolve) => releases.push(resolve));
        },
        () => ({ tags: [personTag(PERSON)] }),
      );
    const first = get();
    const second = get();
    expect(loads).toBe(1);
    cache.invalidate(personTag(PERSON));
    const third = get(); // the load in flight may have read the state before the change
    expect(loads).toBe(2);
    releases[0]?.({ n: 1 });
    releases[1]?.({ n: 2 });
    expect([await first, await second, await third]).toEqual([{ n: 1 }, { n: 1 }, { n: 2 }]);
    expect(await get()).toEqual({ n: 2 }); // stored by the load that started after the invalidation
    expect(loads).toBe(2);
  });

  it('neither reads nor stores while domain events are not heard, and never caches "not found"', async () => {
    const { cache, get, lookups, setLive } = setUp();
    await get();
    setLive(false);
    expect(await get()).toEqual({ n: 2 });
    expect(await get()).toEqual({ n: 3 });
    setLive(true);
    // The entry read before is still here: AccessCaches clears every cache when the listener is back (api test).
    expect(await get()).toEqual({ n: 1 });
    expect(lookups).toEqual(['miss', 'bypass', 'bypass', 'hit']);

    let loads = 0;
    const missing = () =>
      cache.get(
        'missing',
        async () => (++loads, null),
        () => ({ tags: [] }),
      );
    expect(await missing()).toBeNull();
    expect(await missing()).toBeNull();
    expect(loads).toBe(2);
  });

  it('drops the oldest entries beyond its size and forgets their tags', async () => {
    const { cache, get } = setUp({ maxEntries: 2 });
    await get('a', [personTag('a')]);
    await get('b', [personTag('b')]);
    await get('c', [personTag('c')]);
    expect(cache.size).toBe(2);
    expect(await get('a', [personTag('a')])).toEqual({ n: 4 }); // evicted, loaded again
    cache.invalidate(personTag('c'));
    expect(cache.size).toBe(1);
  });

  it('is off with a TTL of 0', async () => {
    const { get, loads } = setUp({ ttlMs: 0 });
    await get();
    await get();
    expect(loads()).toBe(2);
  });
});

describe('staleTagsOf', () => {
  it('names the person or session each domain event changes', () => {
    expect(staleTagsOf({ type: 'access.sessions-revoked', personId: PERSON })).toEqual([personTag(PERSON)]);
    expect(staleTagsOf({ type: 'access.sessions-revoked', personId: PERSON, sessionId: SESSION })).toEqual([
      signInTag(SESSION),
    ]);
    expect(
      staleTagsOf({
        type: 'access.registration-changed',
        eventId: EVENT,
        personId: PERSON,
        status: 'cancelled',
      }),
    ).toEqual([personTag(PERSON)]);
    expect(staleTagsOf({ type: 'access.roles-changed', eventId: EVENT, personId: PERSON })).toEqual([
      personTag(PERSON),
    ]);
    expect(
      staleTagsOf({ type: 'media.ban-changed', eventId: EVENT, personId: PERSON, banned: true }),
    ).toEqual([personTag(PERSON)]);
    expect(
      staleTagsOf({
        type: 'media.hand-changed',
        eventId: EVENT,
        sessionId: SESSION,
        personId: PERSON,
        status: 'on_stage',
      }),
    ).toEqual([personTag(PERSON)]);
    expect(
      staleTagsOf({
        type: 'media.stage-changed',
        eventId: EVENT,
        sessionId: SESSION,
        stage: {
          sessionId: SESSION,
          state: 'live',
          backstageOpen: false,
          recording: false,
          recordingAvailable: false,
          confidential: false,
        },
      }),
    ).toEqual([sessionTag(SESSION)]);
    expect(
      staleTagsOf({ type: 'checkin.admitted', eventId: EVENT, personId: PERSON, day: '2021-06-08' }),
    ).toEqual([]);
  });
});
