import { CHECKIN_BATCH_MAX } from '@plenary/contracts';
import type {
  CheckinAttendee,
  CheckinBatchRequest,
  CheckinBatchResult,
  CheckinRequest,
  CheckinResult,
  CheckinSearchResult,
  CheckinSnapshot,
  CheckinVerdict,
  InvalidReason,
  SnapshotQuery,
} from '@plenary/contracts';
import {
  ApiNetworkError,
  ApiRequestError,
  getCheckinSnapshot,
  postCheckin,
  postCheckinBatch,
  searchCheckinCandidates,
  undoCheckin,
} from '@plenary/web-data-access';
import type { ApiRequestOptions } from '@plenary/web-data-access';
import { applySnapshot, forgetAdmission, rememberAdmission, searchLocal } from './checkin-db';
import type { CheckinDb, QueuedScan, StoredDevice } from './checkin-db';
import { decideOffline, eventDay } from './offline-verdict';
import type { OfflineTarget } from './offline-verdict';
import { importTicketKey } from './ticket-payload';

/** The endpoints the station uses; `httpCheckinApi` is the real one, tests pass a fake. */
export interface CheckinApi {
  scan(request: CheckinRequest, options: ApiRequestOptions): Promise<CheckinResult>;
  batch(request: CheckinBatchRequest, options: ApiRequestOptions): Promise<CheckinBatchResult>;
  undo(checkinId: string, deviceId: string, options: ApiRequestOptions): Promise<CheckinResult>;
  search(
    query: { deviceId: string; q: string; limit?: number },
    options: ApiRequestOptions,
  ): Promise<CheckinSearchResult>;
  snapshot(query: SnapshotQuery, options: ApiRequestOptions): Promise<CheckinSnapshot>;
}

export function httpCheckinApi(slug: string): CheckinApi {
  return {
    scan: (request, options) => postCheckin(slug, request, options),
    batch: (request, options) => postCheckinBatch(slug, request, options),
    undo: (checkinId, deviceId, options) => undoCheckin(slug, checkinId, deviceId, options),
    search: (query, options) => searchCheckinCandidates(slug, query, options),
    snapshot: (query, options) => getCheckinSnapshot(slug, query, options),
  };
}

/** `ready`: working. `revoked`: an organiser revoked this device. `signed-out`: the session ended. */
export type StationStatus = 'ready' | 'revoked' | 'signed-out';

export interface StationState {
  mode: 'online' | 'offline';
  status: StationStatus;
  /** Scans waiting for upload. */
  queued: number;
  /** The offline data held: when it was last refreshed and how many registrations it has. */
  snapshot: { syncedAt: string; registrations: number } | null;
  syncing: boolean;
  /** The last upload of the queue: how many scans, and how many the server judged differently from the device. */
  lastUpload: { uploaded: number; differing: number; at: string } | null;
  /** Why the last upload failed, if it did (the queue is kept). */
  uploadFailed: boolean;
}

/** One scan's verdict, as the verdict screen shows it. */
export interface ScanOutcome {
  nonce: string;
  /** `server`: decided online. `device`: decided offline and queued for upload. */
  source: 'server' | 'device';
  verdict: CheckinVerdict;
  reason: InvalidReason | null;
  attendee: CheckinAttendee | null;
  firstCheckin: { at: string; gate: string; deviceName: string | null } | null;
  checkinId: string | null;
  undoableUntil: string | null;
  day: string | null;
}

/** A person found by search, online (from the server) or offline (from the snapshot). */
export interface Candidate extends CheckinAttendee {
  emailHint: string | null;
  hasTicket: boolean;
  checkedIn: { at: string; gate: string } | null;
}

/** The device has no offline data yet, and the server is out of reach. */
export class NoOfflineDataError extends Error {
  override readonly name = 'NoOfflineDataError';
}

/** An organiser revoked the device, or the session ended: the station does nothing more. */
export class StationStoppedError extends Error {
  override readonly name = 'StationStoppedError';
}

export interface StationOptions {
  db: CheckinDb;
  api: CheckinApi;
  device: StoredDevice & { gate: string };
  now?: () => Date;
  newNonce?: () => string;
  /** How long an online request may take before the station goes offline by itself. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 3000;

/** Whether an error means "the server is out of reach" (as opposed to an answer). */
function isUnreachable(error: unknown): boolean {
  if (error instanceof ApiNetworkError) return true;
  if (error instanceof ApiRequestError) return error.status >= 500 || error.status === 408;
  return error instanceof DOMException && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

/**
 * The door's logic, independent of React: online scans with a short timeout, a switch to offline mode by itself,
 * offline verdicts from the snapshot, the persistent queue and its upload, and incremental snapshot refreshes.
 */
export class CheckinStation {
  private state: StationState = {
    mode: 'online',
    status: 'ready',
    queued: 0,
    snapshot: null,
    syncing: false,
    lastUpload: null,
    uploadFailed: false,
  };
  private readonly listeners = new Set<() => void>();
  private key: { publicKey: string; key: CryptoKey } | null = null;
  private refreshing: Promise<void> | null = null;
  private readonly db: CheckinDb;
  private readonly api: CheckinApi;
  private readonly device: StoredDevice & { gate: string };
  private readonly now: () => Date;
  private readonly newNonce: () => string;
  private readonly timeoutMs: number;

  constructor(options: StationOptions) {
    this.db = options.db;
    this.api = options.api;
    this.device = options.device;
    this.now = options.now ?? (() => new Date());
    this.newNonce = options.newNonce ?? (() => crypto.randomUUID());
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = (): StationState => this.state;

  private update(patch: Partial<StationState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  /** A method, not a field read, so TypeScript does not narrow the mode across awaits. */
  isOffline(): boolean {
    return this.state.mode === 'offline';
  }

  /** The browser says the network is gone: decide offline from now on, without waiting for a timeout. */
  goOffline(): void {
    if (this.state.mode !== 'offline') this.update({ mode: 'offline' });
  }

  get gate(): string {
    return this.device.gate;
  }

  /** Reads what the device holds (queue, snapshot), then refreshes from the server. */
  async start(): Promise<void> {
    try {
      await this.countLocal();
    } catch {
      return; // The database was closed (the page moved on): nothing to do.
    }
    await this.refresh();
  }

  private async countLocal(): Promise<void> {
    const [queued, registrations, meta] = await Promise.all([
      this.db.queue.count(),
      this.db.registrations.count(),
      this.db.getSnapshotMeta(),
    ]);
    this.update({ queued, snapshot: meta ? { syncedAt: meta.syncedAt, registrations } : null });
  }

  /** Runs an API call with the station's timeout; an unreachable server switches to offline mode. */
  private async online<T>(call: (options: ApiRequestOptions) => Promise<T>): Promise<T> {
    if (this.state.status !== 'ready') throw new StationStoppedError(this.state.status);
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new DOMException('timed out', 'TimeoutError')),
      this.timeoutMs,
    );
    try {
      const answer = await call({ signal: controller.signal });
      if (this.state.mode === 'offline') this.update({ mode: 'online' });
      return answer;
    } catch (error) {
      if (isUnreachable(error) || controller.signal.aborted) {
        this.update({ mode: 'offline' });
      } else if (error instanceof ApiRequestError && error.code === 'checkin/device-revoked') {
        this.update({ status: 'revoked' });
      } else if (error instanceof ApiRequestError && error.status === 401) {
        this.update({ status: 'signed-out' });
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Fetches the snapshot (incrementally once the device holds one) and, when that worked, uploads the queue.
   * Also the way back online: a refresh that gets an answer ends offline mode. Never rejects.
   */
  refresh(): Promise<void> {
    this.refreshing ??= this.doRefresh()
      .catch(() => undefined) // e.g. the database was closed meanwhile; the next refresh tries again
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }

  private async doRefresh(): Promise<void> {
    if (!(await this.fetchSnapshot())) return;
    if (this.state.queued > 0 && (await this.upload()) > 0) {
      // The uploaded admissions are the server's now: fetch them back so offline verdicts keep knowing them.
      await this.fetchSnapshot();
    }
  }

  private async fetchSnapshot(): Promise<boolean> {
    const meta = await this.db.getSnapshotMeta();
    try {
      const snapshot = await this.online((options) =>
        this.api.snapshot(
          { deviceId: this.device.deviceId, ...(meta ? { since: meta.cursor } : {}) },
          options,
        ),
      );
      await applySnapshot(this.db, snapshot, this.now());
      await this.countLocal();
      return true;
    } catch {
      return false;
    }
  }

  private async ticketKey(publicKey: string): Promise<CryptoKey> {
    if (this.key?.publicKey !== publicKey) this.key = { publicKey, key: await importTicketKey(publicKey) };
    return this.key.key;
  }

  /** Admits by a scanned QR text or a registration found by search: online if possible, else from the snapshot. */
  async scan(target: OfflineTarget): Promise<ScanOutcome> {
    const nonce = this.newNonce();
    const scannedAt = this.now().toISOString();
    const base = { nonce, gate: this.device.gate, scannedAt, ...target };
    if (this.state.mode === 'online') {
      try {
        const result = await this.online((options) =>
          this.api.scan({ ...base, deviceId: this.device.deviceId, mode: 'online' }, options),
        );
        if (result.verdict === 'admitted' && result.attendee) {
          await rememberAdmission(this.db, result.attendee.registrationId, {
            day: result.day,
            at: result.occurredAt,
            gate: result.gate,
          });
        }
        return {
          nonce,
          source: 'server',
          verdict: result.verdict,
          reason: result.reason,
          attendee: result.attendee,
          firstCheckin: result.firstCheckin,
          checkinId: result.checkinId,
          undoableUntil: result.undoableUntil,
          day: result.day,
        };
      } catch (error) {
        // Unreachable: decide offline with the same nonce, so if the request did arrive, the upload adds nothing.
        if (!this.isOffline()) throw error;
      }
    }
    return this.scanOffline(nonce, scannedAt, target);
  }

  private async scanOffline(nonce: string, scannedAt: string, target: OfflineTarget): Promise<ScanOutcome> {
    const meta = await this.db.getSnapshotMeta();
    if (!meta) throw new NoOfflineDataError('no snapshot on this device');
    const day = eventDay(new Date(scannedAt), meta.timeZone);
    const local = await decideOffline(this.db, target, {
      eventId: meta.eventId,
      key: await this.ticketKey(meta.ticketKey.publicKey),
      day,
    });
    const queued: QueuedScan = {
      nonce,
      scan: {
        nonce,
        gate: this.device.gate,
        scannedAt,
        mode: 'offline',
        localVerdict: local.verdict,
        ...target,
      },
      queuedAt: this.now().toISOString(),
      registrationId: local.registrationId,
      day,
      name: local.attendee?.name ?? null,
    };
    // Persisted before the verdict is shown: a killed tab loses nothing.
    await this.db.queue.put(queued);
    this.update({ queued: await this.db.queue.count() });
    return {
      nonce,
      source: 'device',
      verdict: local.verdict,
      reason: local.reason,
      attendee: local.attendee,
      firstCheckin: local.firstCheckin ? { ...local.firstCheckin, deviceName: null } : null,
      checkinId: null,
      undoableUntil: null,
      day,
    };
  }

  /** Takes an admission back: online through the server (within its window), offline by dropping it from the queue. */
  async undo(outcome: ScanOutcome): Promise<void> {
    if (outcome.source === 'device') {
      await this.db.queue.delete(outcome.nonce);
      this.update({ queued: await this.db.queue.count() });
      return;
    }
    if (!outcome.checkinId) return;
    const checkinId = outcome.checkinId;
    await this.online((options) => this.api.undo(checkinId, this.device.deviceId, options));
    if (outcome.attendee && outcome.day)
      await forgetAdmission(this.db, outcome.attendee.registrationId, outcome.day);
  }

  /** Search by name, organisation (and e-mail online): the server when reachable, else the snapshot. */
  async search(query: string): Promise<{ source: 'server' | 'device'; candidates: Candidate[] }> {
    if (this.state.mode === 'online') {
      try {
        const result = await this.online((options) =>
          this.api.search({ deviceId: this.device.deviceId, q: query, limit: 20 }, options),
        );
        return { source: 'server', candidates: result.candidates };
      } catch (error) {
        if (!this.isOffline()) throw error;
      }
    }
    const meta = await this.db.getSnapshotMeta();
    if (!meta) throw new NoOfflineDataError('no snapshot on this device');
    const day = eventDay(this.now(), meta.timeZone);
    const found = await searchLocal(this.db, query);
    const candidates = await Promise.all(
      found.map(async (registration): Promise<Candidate> => {
        const admission = registration.admissions.find((entry) => entry.day === day);
        const queued = admission
          ? undefined
          : await this.db.queue
              .where('[registrationId+day]')
              .equals([registration.registrationId, day])
              .filter((entry) => entry.scan.localVerdict === 'admitted')
              .first();
        const { registrationId, name, organisation, attendance, status, roles } = registration;
        return {
          registrationId,
          name,
          organisation,
          attendance,
          status,
          roles,
          emailHint: null,
          hasTicket: registration.ticketIds.length > 0,
          checkedIn: admission
            ? { at: admission.at, gate: admission.gate }
            : queued
              ? { at: queued.scan.scannedAt, gate: queued.scan.gate }
              : null,
        };
      }),
    );
    return { source: 'device', candidates };
  }

  /**
   * Uploads the queue with the batch endpoint, oldest first, in batches of at most 500. Each scan keeps its nonce,
   * so uploading twice (a crash mid-upload) adds nothing. Answered scans leave the queue. Resolves with how many
   * scans were uploaded; never rejects (`uploadFailed` says it failed).
   */
  async upload(): Promise<number> {
    if (this.state.syncing) return 0;
    this.update({ syncing: true, uploadFailed: false });
    let uploaded = 0;
    let differing = 0;
    try {
      for (;;) {
        const batch = await this.db.queue.orderBy('queuedAt').limit(CHECKIN_BATCH_MAX).toArray();
        if (batch.length === 0) break;
        const answer = await this.online((options) =>
          this.api.batch(
            { deviceId: this.device.deviceId, scans: batch.map((queued) => queued.scan) },
            options,
          ),
        );
        await this.db.queue.bulkDelete(answer.results.map((result) => result.nonce));
        uploaded += answer.results.length;
        differing += answer.results.filter(
          (result, index) => result.verdict !== batch[index]?.scan.localVerdict,
        ).length;
        this.update({ queued: await this.db.queue.count() });
        if (answer.results.length < batch.length) break;
      }
      if (uploaded > 0) this.update({ lastUpload: { uploaded, differing, at: this.now().toISOString() } });
    } catch {
      this.update({ uploadFailed: true });
    } finally {
      this.update({ syncing: false, queued: await this.db.queue.count() });
    }
    return uploaded;
  }
}
