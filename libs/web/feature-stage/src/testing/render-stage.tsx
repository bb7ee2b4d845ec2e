import { CSRF_HEADER, type ServerToClientEvents } from '@plenary/contracts';
import {
  LiveConnection,
  LiveConnectionContext,
  createQueryClient,
  type LiveSocket,
} from '@plenary/web-data-access';
import { render } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { createInstance } from 'i18next';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { STAGE_NAMESPACE, stageResources } from '../lib/stage-i18n';

type Listener = (payload: unknown) => void;

/** Just enough of a socket.io client socket: listeners, acks answered by the test, connect. */
export class FakeSocket {
  connected = false;
  active = false;
  private readonly listeners = new Map<string, Set<Listener>>();
  readonly sent: Array<{ event: string; payload: unknown; answer: (ack: unknown) => void }> = [];

  on(event: string, listener: Listener) {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener);
    this.listeners.set(event, set);
    return this;
  }

  off(event: string, listener: Listener) {
    this.listeners.get(event)?.delete(listener);
    return this;
  }

  timeout() {
    return {
      emitWithAck: (event: string, payload: unknown) =>
        new Promise((answer) => this.sent.push({ event, payload, answer })),
    };
  }

  connect() {
    this.active = true;
    return this;
  }

  disconnect() {
    this.connected = false;
    this.active = false;
    return this;
  }

  /** The server accepted the handshake. */
  open() {
    this.connected = true;
    this.active = true;
    this.fire('connect');
  }

  fire(event: string, payload?: unknown) {
    for (const listener of this.listeners.get(event) ?? []) listener(payload);
  }

  push<E extends keyof ServerToClientEvents>(event: E, payload: Parameters<ServerToClientEvents[E]>[0]) {
    this.fire(event, payload);
  }
}

export interface FakeRequest {
  method: string;
  path: string;
  body: unknown;
  csrf: boolean;
}

export type FakeRoute = (request: FakeRequest) => { status: number; body?: unknown } | undefined;

/**
 * Replaces `fetch` with a fake api: `route` answers each request (undefined → 404), and every request is recorded
 * with its method, path under /api, JSON body and whether it carried the CSRF header.
 */
export function fakeApi(route: FakeRoute): { requests: FakeRequest[]; restore: () => void } {
  const requests: FakeRequest[] = [];
  const original = globalThis.fetch;
  globalThis.fetch = (async (input: string, init?: RequestInit) => {
    const url = input;
    const headers = new Headers(init?.headers);
    const request: FakeRequest = {
      method: init?.method ?? 'GET',
      path: url.replace(/^\/api/, ''),
      body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
      csrf: headers.get(CSRF_HEADER) === '1',
    };
    requests.push(request);
    const answer = route(request) ?? {
      status: 404,
      body: { error: { code: 'core/not-found', message: 'Not found', requestId: 'r1' } },
    };
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'content-type': 'application/json' },
    });
  }) as unknown as typeof fetch;
  return { requests, restore: () => (globalThis.fetch = original) };
}

/** Renders a stage component with this feature's English strings, a fresh QueryClient and a fake live socket. */
export function renderStage(element: ReactElement) {
  const i18n = createInstance({
    lng: 'en',
    fallbackLng: 'en',
    ns: [STAGE_NAMESPACE],
    defaultNS: STAGE_NAMESPACE,
    resources: { en: { [STAGE_NAMESPACE]: stageResources.en } },
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  void i18n.init();
  const socket = new FakeSocket();
  const connection = new LiveConnection(socket as unknown as LiveSocket, { idleDisconnectMs: 0 });
  const queryClient = createQueryClient();
  const result = render(
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <LiveConnectionContext.Provider value={connection}>{element}</LiveConnectionContext.Provider>
      </QueryClientProvider>
    </I18nextProvider>,
  );
  return { ...result, socket, queryClient };
}
