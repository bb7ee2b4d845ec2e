import { ServerError } from 'livekit-server-sdk';
import { LiveKitNotFound, LiveKitUnavailable, withRetries } from './with-retries';

const policy = { attempts: 3, baseDelayMs: 1 };

describe(withRetries.name, () => {
  it('retries transport errors and 5xx, then succeeds', async () => {
    let calls = 0;
    const result = await withRetries(
      'op',
      async () => {
        calls++;
        if (calls === 1) throw new TypeError('fetch failed');
        if (calls === 2) throw new ServerError('Service Unavailable', 'down', 503);
        return 'ok';
      },
      policy,
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
  });

  it('gives up after the last attempt with LiveKitUnavailable', async () => {
    let calls = 0;
    const failures: number[] = [];
    const attempt = withRetries(
      'UpdateParticipant',
      async () => {
        calls++;
        throw new ServerError('Internal Server Error', 'boom', 500);
      },
      policy,
      (n) => failures.push(n),
    );
    await expect(attempt).rejects.toBeInstanceOf(LiveKitUnavailable);
    await expect(attempt).rejects.toMatchObject({ attempts: 3, status: 500 });
    expect(calls).toBe(3);
    expect(failures).toEqual([1, 2, 3]);
  });

  it('does not retry a refusal, and reports not-found as such', async () => {
    let calls = 0;
    await expect(
      withRetries(
        'op',
        async () => {
          calls++;
          throw new ServerError('Unauthorized', 'bad key', 401);
        },
        policy,
      ),
    ).rejects.toMatchObject({ attempts: 1, status: 401 });
    expect(calls).toBe(1);
    await expect(
      withRetries(
        'op',
        async () => {
          throw new ServerError('Not Found', 'participant not found', 404, 'not_found');
        },
        policy,
      ),
    ).rejects.toBeInstanceOf(LiveKitNotFound);
  });
});
