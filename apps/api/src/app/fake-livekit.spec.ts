import {
  AccessToken,
  EgressClient,
  EncodedFileOutput,
  RoomServiceClient,
  type VideoGrant,
} from 'livekit-server-sdk';
import {
  LIVEKIT_TEST_KEY,
  LIVEKIT_TEST_SECRET,
  startFakeLiveKit,
  unavailable,
  type FakeLiveKit,
} from './fake-livekit';

/** The fake LiveKit must refuse what LiveKit refuses, or the media tests would pass against calls LiveKit rejects. */
describe('The LiveKit test server', () => {
  let livekit: FakeLiveKit;
  const options = { requestTimeout: 4, failover: false };
  let rooms: RoomServiceClient;
  let egress: EgressClient;

  beforeAll(async () => {
    livekit = await startFakeLiveKit();
    rooms = new RoomServiceClient(livekit.url, LIVEKIT_TEST_KEY, LIVEKIT_TEST_SECRET, options);
    egress = new EgressClient(livekit.url, LIVEKIT_TEST_KEY, LIVEKIT_TEST_SECRET, options);
  });
  beforeEach(() => livekit.reset());
  afterAll(() => livekit.close());

  /** A raw Twirp call with a token carrying exactly `grant` (null: no Authorization header). */
  async function twirp(
    method: string,
    body: Record<string, unknown>,
    grant: VideoGrant | null,
  ): Promise<{ status: number; body: unknown }> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (grant) {
      const token = new AccessToken(LIVEKIT_TEST_KEY, LIVEKIT_TEST_SECRET, {
        ttl: 60,
        identity: 'test-backend',
      });
      token.addGrant(grant);
      headers['authorization'] = `Bearer ${await token.toJwt()}`;
    }
    const response = await fetch(`${livekit.url}/twirp/livekit.${method}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  }

  const permissionsDenied = { status: 401, body: { code: 'unauthenticated', msg: 'permissions denied' } };

  it('accepts the calls of the SDK clients the api uses (each with the grant the SDK signs for it)', async () => {
    await rooms.updateParticipant('room-1', 'p1', { metadata: '{}' });
    await rooms.mutePublishedTrack('room-1', 'p1', 'TR_1', true);
    await rooms.removeParticipant('room-1', 'p1');
    await rooms.deleteRoom('room-1');
    const info = await egress.startRoomCompositeEgress(
      'room-1',
      new EncodedFileOutput({ filepath: 'x.mp4' }),
      {
        layout: 'speaker',
      },
    );
    expect(info.egressId).toBe('EG_fake0001');
    await egress.stopEgress('EG_fake0001');
    expect(livekit.calls.map((call) => call.path)).toEqual([
      '/twirp/livekit.RoomService/UpdateParticipant',
      '/twirp/livekit.RoomService/MutePublishedTrack',
      '/twirp/livekit.RoomService/RemoveParticipant',
      '/twirp/livekit.RoomService/DeleteRoom',
      '/twirp/livekit.Egress/StartRoomCompositeEgress',
      '/twirp/livekit.Egress/StopEgress',
    ]);
  });

  it('refuses participant calls without roomAdmin for the very room they name', async () => {
    const body = { room: 'room-1', identity: 'p1' };
    expect(await twirp('RoomService/RemoveParticipant', body, { roomAdmin: true, room: 'room-1' })).toEqual({
      status: 200,
      body: {},
    });
    expect(await twirp('RoomService/RemoveParticipant', body, { roomAdmin: true, room: 'room-2' })).toEqual(
      permissionsDenied,
    );
    expect(await twirp('RoomService/RemoveParticipant', body, { roomAdmin: true })).toEqual(
      permissionsDenied,
    );
    expect(await twirp('RoomService/UpdateParticipant', body, { roomJoin: true, room: 'room-1' })).toEqual(
      permissionsDenied,
    );
    expect(await twirp('RoomService/MutePublishedTrack', body, { roomRecord: true })).toEqual(
      permissionsDenied,
    );
    expect(await twirp('RoomService/RemoveParticipant', body, null)).toEqual(permissionsDenied);
  });

  it('refuses room deletion without roomCreate and Egress calls without roomRecord', async () => {
    expect(
      await twirp('RoomService/DeleteRoom', { room: 'room-1' }, { roomAdmin: true, room: 'room-1' }),
    ).toEqual(permissionsDenied);
    expect((await twirp('RoomService/DeleteRoom', { room: 'room-1' }, { roomCreate: true })).status).toBe(
      200,
    );
    const start = { roomName: 'room-1', layout: 'speaker' };
    expect(
      await twirp('Egress/StartRoomCompositeEgress', start, {
        roomAdmin: true,
        room: 'room-1',
        roomCreate: true,
      }),
    ).toEqual(permissionsDenied);
    expect(
      await twirp('Egress/StopEgress', { egressId: 'EG_1' }, { roomAdmin: true, room: 'room-1' }),
    ).toEqual(permissionsDenied);
    expect((await twirp('Egress/StopEgress', { egressId: 'EG_1' }, { roomRecord: true })).status).toBe(200);
  });

  it('answers an unknown method with 404 bad_route and a forged token with 401', async () => {
    expect(await twirp('RoomService/DoSomething', {}, { roomCreate: true, roomAdmin: true })).toEqual({
      status: 404,
      body: {
        code: 'bad_route',
        msg: 'no handler for path "/twirp/livekit.RoomService/DoSomething"',
        meta: { twirp_invalid_route: 'POST /twirp/livekit.RoomService/DoSomething' },
      },
    });
    const forged = await fetch(`${livekit.url}/twirp/livekit.RoomService/DeleteRoom`, {
      method: 'POST',
      headers: { authorization: 'Bearer not-a-token', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(forged.status).toBe(401);
    expect(() => livekit.inject('RoomService/DoSomething', { reply: unavailable })).toThrow();
  });

  it('injects latency and errors into one method only, for a given number of calls', async () => {
    livekit.inject('RoomService/RemoveParticipant', { reply: unavailable, times: 1 });
    await expect(rooms.removeParticipant('room-1', 'p1')).rejects.toMatchObject({ status: 503 });
    await expect(rooms.removeParticipant('room-1', 'p1')).resolves.toBeUndefined();
    await expect(rooms.mutePublishedTrack('room-1', 'p1', 'TR_1', true)).resolves.toBeUndefined();

    // A slow method: the call takes at least the delay (a lower bound only, safe on a loaded machine); the grant
    // check still applies to it.
    livekit.inject('RoomService/UpdateParticipant', { delayMs: 300 });
    const startedAt = performance.now();
    await rooms.updateParticipant('room-1', 'p1', { metadata: '{}' });
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(300);
    expect(
      await twirp('RoomService/UpdateParticipant', { room: 'room-1', identity: 'p1' }, { roomRecord: true }),
    ).toEqual(permissionsDenied);
  });
});
