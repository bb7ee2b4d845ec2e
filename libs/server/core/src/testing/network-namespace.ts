import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ip = (...args: string[]) => run('ip', args);

/**
 * A network host of a test's own: a Linux network namespace joined to this one by two veth pairs (iproute2's
 * `ip netns` and `ip link`; needs root). The **backend** link carries the namespace's traffic to PostgreSQL and
 * Redis, the **front** link its clients' traffic; `cut()` takes the backend link down (a partition between the node
 * and its data stores, its clients still connected) and `heal()` brings it back.
 */
export class NetworkNamespace {
  private constructor(
    readonly name: string,
    private readonly backendHostIf: string,
    /** This side's address on the backend link: what the namespace dials for PostgreSQL and Redis. */
    readonly hostBackendIp: string,
    /** The namespace's address on the front link: where its servers listen for clients. */
    readonly frontIp: string,
    private readonly frontHostIf: string,
  ) {}

  static async create(): Promise<NetworkNamespace> {
    const id = randomBytes(3).toString('hex');
    // Two /30s in 10.213.0.0/16 picked from the id, so concurrent runs do not collide.
    const third = parseInt(id.slice(0, 2), 16);
    const fourth = (parseInt(id.slice(2, 4), 16) % 32) * 8;
    const net = (offset: number) => `10.213.${third}.${fourth + offset}`;
    const name = `plenary-${id}`;
    const [backendHostIf, backendNsIf, frontHostIf, frontNsIf] = ['pb', 'pbn', 'pf', 'pfn'].map(
      (prefix) => `${prefix}${id}`,
    ) as [string, string, string, string];
    await ip('netns', 'add', name);
    try {
      await ip('-n', name, 'link', 'set', 'lo', 'up');
      for (const [hostIf, nsIf, base] of [
        [backendHostIf, backendNsIf, 0],
        [frontHostIf, frontNsIf, 4],
      ] as const) {
        await ip('link', 'add', hostIf, 'type', 'veth', 'peer', 'name', nsIf, 'netns', name);
        await ip('addr', 'add', `${net(base + 1)}/30`, 'dev', hostIf);
        await ip('link', 'set', hostIf, 'up');
        await ip('-n', name, 'addr', 'add', `${net(base + 2)}/30`, 'dev', nsIf);
        await ip('-n', name, 'link', 'set', nsIf, 'up');
      }
    } catch (error) {
      await ip('netns', 'del', name).catch(() => undefined);
      throw error;
    }
    return new NetworkNamespace(name, backendHostIf, net(1), net(6), frontHostIf);
  }

  /** The command line that runs `command` inside the namespace. */
  exec(command: string, args: string[]): { command: string; args: string[] } {
    return { command: 'ip', args: ['netns', 'exec', this.name, command, ...args] };
  }

  /** Takes the backend link down: packets between the namespace and PostgreSQL/Redis go nowhere. */
  async cut(): Promise<void> {
    await ip('link', 'set', this.backendHostIf, 'down');
  }

  async heal(): Promise<void> {
    await ip('link', 'set', this.backendHostIf, 'up');
  }

  /** Deletes the namespace (its veth ends go with it, and so their peers here). */
  async destroy(): Promise<void> {
    await ip('netns', 'del', this.name).catch(() => undefined);
    for (const hostIf of [this.backendHostIf, this.frontHostIf])
      await ip('link', 'del', hostIf).catch(() => undefined);
  }
}

export interface TcpRelay {
  port: number;
  /** Stops relaying in both directions without closing anything: what a partition looks like to both ends. */
  freeze(): void;
  thaw(): void;
  close(): Promise<void>;
}

/**
 * A plain TCP relay: listens on `listenHost` (a port of its choosing) and pipes each connection to `target`. Lets a
 * namespace reach a server that listens on 127.0.0.1 only (the machine's PostgreSQL) through a link the test
 * controls.
 */
export async function relayTcp(
  listenHost: string,
  target: { host: string; port: number },
): Promise<TcpRelay> {
  const sockets = new Set<Socket>();
  let frozen = false;
  const server: Server = createServer((inbound) => {
    const outbound = createConnection(target);
    for (const socket of [inbound, outbound]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
      if (frozen) socket.pause();
    }
    inbound.pipe(outbound).pipe(inbound);
    inbound.on('close', () => outbound.destroy());
    outbound.on('close', () => inbound.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, listenHost, () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('relay has no port');
  return {
    port: address.port,
    freeze: () => {
      frozen = true;
      sockets.forEach((socket) => socket.pause());
    },
    thaw: () => {
      frozen = false;
      sockets.forEach((socket) => socket.resume());
    },
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
  };
}
