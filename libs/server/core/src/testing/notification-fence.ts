import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';

/** The channel of the fence's marker; listeners that filter by channel never see it. */
const FENCE_CHANNEL = 'plenary_test_fence';

/**
 * Resolves once every notification committed before the call has reached `listener` (a pg Client that LISTENs):
 * it sends a marker on a channel of its own and waits for it to come back. PostgreSQL delivers a session the
 * notifications of all its channels in commit order, so whatever was committed earlier arrived before the marker —
 * a fence for "nothing else arrived", instead of sleeping and hoping.
 */
export async function notificationFence(listener: Client, timeoutMs = 5000): Promise<void> {
  await listener.query(`LISTEN ${FENCE_CHANNEL}`);
  const marker = randomUUID();
  let onNotification: (message: { channel: string; payload?: string }) => void = () => undefined;
  let timer: NodeJS.Timeout | undefined;
  const arrived = new Promise<void>((resolve, reject) => {
    onNotification = (message) => {
      if (message.channel === FENCE_CHANNEL && message.payload === marker) resolve();
    };
    timer = setTimeout(() => reject(new Error('notification fence did not come back in time')), timeoutMs);
  });
  listener.on('notification', onNotification);
  try {
    await listener.query('SELECT pg_notify($1, $2)', [FENCE_CHANNEL, marker]);
    await arrived;
  } finally {
    clearTimeout(timer);
    listener.off('notification', onNotification);
  }
}
