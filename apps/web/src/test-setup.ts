// Runs before every test file of the `web` jest project (jsdom). jsdom lacks a few Web APIs that the
// browser has and the code relies on; they are taken from Node here.
import { runInThisContext } from 'node:vm';
import { TextDecoder, TextEncoder } from 'node:util';

interface FetchGlobals {
  Response: typeof Response;
  Request: typeof Request;
  Headers: typeof Headers;
}

const target = globalThis as unknown as Record<string, unknown>;

// react-router encodes with TextEncoder.
target['TextEncoder'] ??= TextEncoder;
target['TextDecoder'] ??= TextDecoder;

// jsdom has no fetch: expose Node's Response/Request/Headers (from the main realm) so tests build real
// responses, and make an unmocked fetch fail loudly instead of reaching the network.
const nodeFetch = runInThisContext('({ Response, Request, Headers })') as FetchGlobals;
target['Response'] ??= nodeFetch.Response;
target['Request'] ??= nodeFetch.Request;
target['Headers'] ??= nodeFetch.Headers;
target['fetch'] ??= (input: unknown): Promise<never> =>
  Promise.reject(new Error(`Unmocked fetch in a test: ${String(input)}`));

if (typeof window !== 'undefined') {
  if (!('matchMedia' in window)) {
    Object.defineProperty(window, 'matchMedia', {
      writable: true,
      value: (query: string): MediaQueryList =>
        ({
          matches: false,
          media: query,
          onchange: null,
          addListener: () => undefined,
          removeListener: () => undefined,
          addEventListener: () => undefined,
          removeEventListener: () => undefined,
          dispatchEvent: () => false,
        }) as MediaQueryList,
    });
  }
  // jsdom implements scrolling as a logged "not implemented" error.
  window.scrollTo = () => undefined;
  if (!('scrollIntoView' in Element.prototype)) {
    Object.defineProperty(Element.prototype, 'scrollIntoView', { writable: true, value: () => undefined });
  }
}
