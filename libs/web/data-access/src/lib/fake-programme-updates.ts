import type { ProgrammeChangedMessage } from '@plenary/contracts';
import { ProgrammeUpdates, type ProgrammeSocket } from './programme-updates';

type Listener = (...args: unknown[]) => void;

/**
 * Just enough of a programme-namespace socket for tests and previews: it records what is sent, answers nothing,
 * connects when told (`open`), and lets the test push `programme:changed` as the live service would.
 */
export class FakeProgrammeSocket {
  connected = false;
  active = false;
  readonly sent: Array<{ event: string; payload: unknown }> = [];
  private readonly listeners = new Map<string, Set<Listener>>();

  on(event: string, listener: Listener): this {
    const set = this.listeners.get(event) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(event, set);
    return this;
  }

  emit(event: string, payload: unknown): this {
    this.sent.push({ event, payload });
    return this;
  }

  connect(): this {
    this.active = true;
    return this;
  }

  disconnect(): this {
    this.connected = false;
    this.active = false;
    return this;
  }

  /** The server accepted the handshake. */
  open(): void {
    this.connected = true;
    this.active = true;
    this.fire('connect');
  }

  /** The network dropped; the manager reconnects. */
  drop(): void {
    this.connected = false;
    this.fire('disconnect', 'transport close');
  }

  /** The live service relays a committed change. */
  push(message: ProgrammeChangedMessage): void {
    this.fire('programme:changed', message);
  }

  private fire(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
}

/** Programme updates over a `FakeProgrammeSocket` (tests, previews): no network. */
export function createFakeProgrammeUpdates(): { updates: ProgrammeUpdates; socket: FakeProgrammeSocket } {
  const socket = new FakeProgrammeSocket();
  return { updates: new ProgrammeUpdates(socket as unknown as ProgrammeSocket), socket };
}
