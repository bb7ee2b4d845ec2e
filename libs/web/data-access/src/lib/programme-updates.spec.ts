import type { ProgrammeChangedMessage } from '@plenary/contracts';
import { QueryClient } from '@tanstack/react-query';
import { createFakeProgrammeUpdates } from './fake-programme-updates';
import { invalidateProgramme, isProgrammeQuery } from './programme-updates';

const EVENT = '5e0c2021-0000-4000-8000-000000000001';
const OTHER = '5e0c2021-0000-4000-8000-000000000002';

const change = (eventId = EVENT): ProgrammeChangedMessage => ({
  eventId,
  sessionIds: ['5e0c2021-0000-4000-8000-000000000203'],
  scope: 'sessions',
  programmeVersion: 7,
});

describe('ProgrammeUpdates', () => {
  it('watches each event once, after every connect, and tells only that event’s listeners', () => {
    const { updates, socket } = createFakeProgrammeUpdates();
    const heard: string[] = [];
    const stopA = updates.watch(EVENT, (message) => heard.push(`a:${message.eventId}`));
    const stopB = updates.watch(EVENT, () => heard.push('b'));
    updates.watch(OTHER, () => heard.push('other'));
    expect(socket.active).toBe(true);
    socket.open();
    expect(socket.sent).toEqual([
      { event: 'programme:watch', payload: { eventId: EVENT } },
      { event: 'programme:watch', payload: { eventId: OTHER } },
    ]);

    socket.push(change());
    expect(heard).toEqual([`a:${EVENT}`, 'b']);

    stopA();
    stopB();
    expect(socket.sent.at(-1)).toEqual({ event: 'programme:unwatch', payload: { eventId: EVENT } });
    socket.push(change());
    expect(heard).toHaveLength(2);
  });

  it('after a reconnect watches again and has the pages re-read everything (changes may have been missed)', () => {
    const { updates, socket } = createFakeProgrammeUpdates();
    const heard: ProgrammeChangedMessage[] = [];
    updates.watch(EVENT, (message) => heard.push(message));
    socket.open();
    expect(heard).toEqual([]);
    socket.drop();
    socket.open();
    expect(socket.sent.filter((sent) => sent.event === 'programme:watch')).toHaveLength(2);
    expect(heard).toEqual([{ eventId: EVENT, sessionIds: [], scope: 'event', programmeVersion: 0 }]);
  });

  it('disconnects when no page watched anything for a while', () => {
    jest.useFakeTimers();
    try {
      const { updates, socket } = createFakeProgrammeUpdates();
      const stop = updates.watch(EVENT, () => undefined);
      socket.open();
      stop();
      jest.advanceTimersByTime(4_000);
      expect(socket.connected).toBe(true);
      jest.advanceTimersByTime(2_000);
      expect(socket.connected).toBe(false);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('invalidateProgramme', () => {
  it('marks the event page, its sessions and the personal programme views stale, nothing else', async () => {
    const client = new QueryClient();
    const keys = [
      ['events', 'vmc2021'],
      ['events', 'vmc2021', 'sessions', 's1'],
      ['events', 'vmc2021', 'ticket-key'],
      ['events', 'other'],
      ['events'],
      ['me', 'events', 'vmc2021', 'agenda'],
      ['me', 'events', 'vmc2021', 'ticket'],
      ['me'],
    ];
    for (const key of keys) client.setQueryData(key, { at: 1 });
    await invalidateProgramme(client, 'vmc2021');
    const stale = keys.filter((key) => client.getQueryState(key)?.isInvalidated);
    expect(stale).toEqual([
      ['events', 'vmc2021'],
      ['events', 'vmc2021', 'sessions', 's1'],
      ['me', 'events', 'vmc2021', 'agenda'],
    ]);
    expect(isProgrammeQuery(['events', 'vmc2021', 'ticket-key'], 'vmc2021')).toBe(false);
  });
});
