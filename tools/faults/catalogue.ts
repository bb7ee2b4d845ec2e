// The standing fault suite's scenarios (issue #11): what goes wrong, what users see, what operators see, what is
// lost. docs/operations.md's "What happens when…" table is generated from this list (tools/faults.ts --docs), and
// tools/faults.spec.ts fails when a scenario has no test, a test names no scenario, or the table is out of date.
// A test proves a scenario by carrying its tag in its name: `it('… (fault: postgres-stopped)', …)`.

export interface FaultScenario {
  /** Tag in the test's name: `(fault: <id>)`. */
  id: string;
  /** "What happens when …" */
  when: string;
  users: string;
  operators: string;
  lost: string;
  /** The spec that holds the test, from the repository root. */
  spec: string;
  /** The command that runs `spec`: the fault suite itself, or the suite that already held the test. */
  suite: 'test:faults' | 'test:e2e' | 'test';
}

export const FAULT_TAG = /\(fault: ([a-z0-9-]+)\)/g;

export const FAULT_SCENARIOS: readonly FaultScenario[] = [
  {
    id: 'postgres-stopped',
    when: 'PostgreSQL stops (registration, sign-in, programme, `/api/me`)',
    users:
      '`503 core/unavailable` with `Retry-After: 3` at once (ms, not seconds); the web app says "Plenary is catching up — retrying"',
    operators:
      '`/readyz` 503 `postgres: down`; one `dependency unavailable (postgres-unreachable)` warning, then one count every 10 s; no stack, no 500',
    lost: 'nothing: a refused write was never accepted; the client sends it again',
    spec: 'apps/api/src/outage.fault-spec.ts',
    suite: 'test:faults',
  },
  {
    id: 'postgres-black-hole',
    when: 'PostgreSQL accepts connections but never answers (frozen host, partition)',
    users: '`503 core/unavailable` after about 1 s (`DATABASE_CONNECT_TIMEOUT_MS`), never a hanging request',
    operators: 'the same warnings as a stopped PostgreSQL',
    lost: 'nothing',
    spec: 'apps/api/src/outage.fault-spec.ts',
    suite: 'test:faults',
  },
  {
    id: 'postgres-back',
    when: 'PostgreSQL comes back',
    users: 'the same requests answer 200/202 within a second of PostgreSQL accepting connections',
    operators: '`/readyz` 200 again; the same process, no restart',
    lost: 'nothing',
    spec: 'apps/api/src/outage.fault-spec.ts',
    suite: 'test:faults',
  },
  {
    id: 'postgres-10s-under-load',
    when: 'PostgreSQL stops for 10 s under a steady load (50 requests/s of programme reads, sign-ins, registrations)',
    users:
      'every request answers `503 core/unavailable` with `Retry-After: 3` within a second (measured: tens to a few hundred ms), never a hang or a 500; the same requests answer 200/202 again as soon as PostgreSQL accepts connections',
    operators:
      'the warnings of a stopped PostgreSQL; the same process throughout (no restart), no error lines, nothing on stderr',
    lost: 'nothing: every registration answered `202` is stored (person and registration together), none answered `503` is',
    spec: 'apps/api/src/postgres-under-load.fault-spec.ts',
    suite: 'test:faults',
  },
  {
    id: 'postgres-live',
    when: 'PostgreSQL stops under the live service (Q&A, polls)',
    users:
      'events nacked `core/unavailable` with `retryAfterSeconds`; open sockets stay connected; new sockets refused with the same code; after the return the retried question is stored under the id the client chose',
    operators: '`/readyz` 503; one warning per kind of failure, no error lines',
    lost: 'nothing: every write is either acked and stored or nacked',
    spec: 'apps/live/src/app/outage.fault-spec.ts',
    suite: 'test:faults',
  },
  {
    id: 'postgres-web',
    when: 'PostgreSQL stops while someone reads the programme in the browser',
    users:
      'a calm "Plenary is catching up — retrying" status (no error page, no alert), retries with backoff; the page fills in by itself once PostgreSQL is back',
    operators: 'warnings, no `unexpected error`, no process restart',
    lost: 'nothing',
    spec: 'apps/e2e/src/outage.e2e-spec.ts',
    suite: 'test:e2e',
  },
  {
    id: 'redis-live',
    when: 'Redis restarts under two live nodes',
    users:
      'questions and votes keep being acked while Redis is down (per-node rate limits); cross-node fan-out resumes within seconds of its return',
    operators: '`/readyz` of each node 503 `redis: down` while it is away, 200 again by itself',
    lost: 'nothing: every acked question and vote is stored exactly once, retries included',
    spec: 'apps/live/src/app/redis-restart.fault-spec.ts',
    suite: 'test:faults',
  },
  {
    id: 'redis-broadcast-lost',
    when: 'a broadcast between live nodes is lost (Redis refuses the stream append: out of memory, or a restart mid-append)',
    users:
      'clients on the other nodes learn from their own node’s `session:seq` (read from PostgreSQL, not through Redis) that they missed an event, and rejoin after a second’s wait: right again within about 2 s (measured: under a second to notice)',
    operators: 'nothing to do; the refused appends show in Redis’s own errors (`OOM command not allowed`)',
    lost: 'nothing: the edit was committed; every client holds it after its rejoin',
    spec: 'apps/live/src/app/redis-restart.fault-spec.ts',
    suite: 'test:faults',
  },
  {
    id: 'live-node-partitioned',
    when: 'a live node is cut off from PostgreSQL and Redis by a network partition for 10 s (its own network namespace, the link to the data stores taken down), its clients still connected',
    users:
      'every action is answered: nacked `core/unavailable` with `retryAfterSeconds` within about 3 s (`LIVE_DATABASE_READ_TIMEOUT_MS`; rate limits fall back to the node’s own counters after 0.5 s); sockets stay connected; once the link is back the client’s retries (same ids) are acked within about a second',
    operators:
      'the node’s `/readyz` 503 while cut off and 200 again about a second after the link returns, same process; it hears the other nodes again by itself',
    lost: 'nothing: every question refused during the partition is stored once after the retry, none twice',
    spec: 'apps/live/src/app/partition.fault-spec.ts',
    suite: 'test:faults',
  },
  {
    id: 'live-node-killed',
    when: 'a live node is killed (`kill -9`) in the middle of a vote storm',
    users:
      'its clients notice within about a second, reconnect to the other node (as the load balancer sends them), join again and resend their unacked vote; with 200 clients (the suite’s default) ≥ 99 % are back within 10 s. With 2,000 (`FAULT_LIVE_CLIENTS=2000`, clients on the same 2 cores) the 1,000 moved clients came back in a median 8.6 s, 60 % within 10 s, the slowest after 16 s: the reconnect storm is the bound (issue #13)',
    operators:
      'the other node stays ready and takes the connections; the killed node’s presence entries expire with its heartbeat (ADR 0014)',
    lost: 'nothing: every acked vote is stored as acked, once; votes sent again are not doubled (one ballot per person and poll)',
    spec: 'apps/live/src/app/node-killed.fault-spec.ts',
    suite: 'test:faults',
  },
  {
    id: 'api-killed-form-pending',
    when: 'the api dies (`kill -9`) after answering a registration form and before applying it',
    users:
      'the `202` they got stands: the registration appears once the api is back, with one confirmation mail',
    operators:
      'the `access.registration-requests` sweep (at start-up and every minute) logs `registration forms applied late`',
    lost: 'nothing: the stored form is applied exactly once (row lock, deleted in the same transaction)',
    spec: 'apps/api/src/hostile.fault-spec.ts',
    suite: 'test:faults',
  },
  {
    id: 'api-sigterm-mid-request',
    when: 'the api is stopped (SIGTERM: a deploy, a scale-down) while a write is in flight',
    users:
      'the request in flight completes; new requests are turned away (`503` while closing, then refused) and go to another process behind the load balancer',
    operators:
      'the process ends (by the re-raised SIGTERM) within a second once its requests are answered; running jobs get up to 20 s; no error lines',
    lost: 'nothing, and nothing half-written: the write is one transaction, all of it or none',
    spec: 'apps/api/src/hostile.fault-spec.ts',
    suite: 'test:faults',
  },
  {
    id: 'smtp-refusing',
    when: 'the mail server refuses or is unreachable',
    users: 'sign-in links and confirmations arrive late, once the server takes mail again; each mail once',
    operators:
      '`mail_outbox.last_error` and `attempts`; retries back off from 30 s to 1 h; after `MAIL_MAX_ATTEMPTS` the mail is parked and listed to organisers',
    lost: 'nothing: the outbox keeps every mail until it is sent (or parked and shown)',
    spec: 'apps/api/src/hostile.fault-spec.ts',
    suite: 'test:faults',
  },
  {
    id: 'outbox-disk-full',
    when: 'the disk under the mail outbox is full (PostgreSQL cannot extend the table: SQLSTATE 53100)',
    users:
      'a registration is answered `202` as always and its form kept; it is applied — person, registration and confirmation mail together — by the minutely sweep once there is room (measured: under a minute). A sign-in is answered `202` but its mail cannot be queued: the person asks again',
    operators:
      'one `dependency unavailable (postgres-disk-full)` warning, then a count every 10 s; no error lines. Nothing frees itself: make room (or grow the volume)',
    lost: 'nothing accepted: no person or registration without its mail, each confirmation sent once; only the sign-in mail asked for while the disk was full',
    spec: 'apps/api/src/disk-full.fault-spec.ts',
    suite: 'test:faults',
  },
  {
    id: 'huge-body',
    when: 'a client sends a body larger than the limit, or trickles one in slowly',
    users:
      'the sender gets `413 core/payload-too-large` in the error envelope; everyone else is answered as usual',
    operators: 'a `413` in the request log and metrics; nothing read past the limit, nothing stored',
    lost: 'nothing',
    spec: 'apps/api/src/hostile.fault-spec.ts',
    suite: 'test:faults',
  },
  {
    id: 'burst-one-ip',
    when: 'one address sends a burst of sign-in or registration requests',
    users:
      'past the limit, `429 core/rate-limited` with `Retry-After`; other addresses are unaffected (spoofed `X-Forwarded-For` ignored)',
    operators: '`429`s in the request log and metrics',
    lost: 'nothing: requests past the limit change nothing and send no mail',
    spec: 'apps/api/src/hostile.fault-spec.ts',
    suite: 'test:faults',
  },
  {
    id: 'clock-skew',
    when: 'a clock is two minutes off: the LiveKit host signing webhooks, or a door (or the server) scanning tickets',
    users:
      'nothing changes: webhooks signed up to 5 min ahead or after their expiry are taken (applied once); a ticket gets the same verdict, and an online admission the same 2-min undo window, whatever the door clock says',
    operators:
      'webhooks from a clock more than 5 min off answer `401 media/webhook-unauthorized` and their events are lost: keep hosts on NTP. Check-ins keep the door time (`scannedAt`) beside the server’s (`receivedAt`)',
    lost: 'nothing within 5 min. Tickets carry no times; an offline scan counts as of the door time (never later than its upload), so a revocation within the door’s skew of an offline scan is ordered by the door clock',
    spec: 'apps/api/src/app/clock-skew.fault-spec.ts',
    suite: 'test:faults',
  },
  {
    id: 'api-worker-killed',
    when: 'an api worker is killed (`kill -9`) in cluster mode',
    users: 'requests keep being answered by the other worker; a new worker takes over',
    operators: 'the primary logs the exit with its signal and forks a replacement',
    lost: 'requests in flight on that worker fail (the connection resets); a write is one transaction, never half-done',
    spec: 'apps/api/src/cluster.int-spec.ts',
    suite: 'test',
  },
];
