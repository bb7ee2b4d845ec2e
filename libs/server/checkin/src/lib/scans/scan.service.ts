import { Injectable } from '@nestjs/common';
import {
  CHECKIN_UNDO_WINDOW_SECONDS,
  type checkinBatchRequestSchema,
  type checkinRequestSchema,
  type checkinScanSchema,
  type CheckinBatchResult,
  type CheckinResult,
  type CheckinVerdict,
} from '@plenary/contracts';
import { AuditService, TicketService, type Principal } from '@plenary/server-access';
import { publishDomainEvent, RateLimitService } from '@plenary/server-core';
import { dayInTimeZone, type EventEntity } from '@plenary/server-programme';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { z } from 'zod';
import { CheckinException } from '../checkin.exception';
import { DeviceService } from '../devices/device.service';
import { ScanRepository, type ScanRow, type StoredScan } from './scan.repository';
import { isGenuineForeignTicket, judge, occurredAt, readPayload, type ScanFacts } from './verdict';

type Scan = z.output<typeof checkinScanSchema>;

/** Per device: a door scans a person every few seconds; this leaves room for bursts and retries. */
export const SCAN_LIMIT = { points: 600, seconds: 60 };
/** Per device: queue uploads of up to 500 scans each. */
export const BATCH_LIMIT = { points: 60, seconds: 60 };

/** Attempts at settling a scan whose competing admission was undone while it was being recorded. */
const MAX_ROUNDS = 3;

/**
 * Records scans and decides their verdicts, one or a batch of 500 alike, in a handful of set-based statements.
 *
 * Exactly-once rests on two unique indexes, not on locks held across round trips: `(device_id, nonce)` makes a
 * retried scan record nothing and answer with its first verdict, and "one standing admission per registration and
 * day" makes concurrent scans of one ticket yield exactly one `admitted`; the loser is recorded as
 * `already_checked_in`, pointing at the winner. See ADR 0011.
 */
@Injectable()
export class ScanService {
  constructor(
    private readonly repository: ScanRepository,
    private readonly tickets: TicketService,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly devices: DeviceService,
    private readonly rateLimits: RateLimitService,
  ) {}

  /** One scan from a device of the caller's. */
  async scanOne(
    event: EventEntity,
    principal: Principal,
    request: z.output<typeof checkinRequestSchema>,
  ): Promise<CheckinResult> {
    const { deviceId, ...scan } = request;
    // The device check and the (read-only) judging run side by side; nothing is written unless both succeed.
    const [, judged] = await Promise.all([
      this.authorise(event, principal, deviceId, 'checkin-scan', SCAN_LIMIT),
      this.judgeAll(event, [scan], new Date()),
    ]);
    const [result] = await this.commit(event, deviceId, [scan], judged);
    if (!result) throw new Error('a scan produced no result');
    return result;
  }

  /** A device's queue: each scan answered as if sent alone, in order; uploading it again records nothing. */
  async scanBatch(
    event: EventEntity,
    principal: Principal,
    request: z.output<typeof checkinBatchRequestSchema>,
  ): Promise<CheckinBatchResult> {
    const scans = uniqueByNonce(request.scans);
    const [, judged] = await Promise.all([
      this.authorise(event, principal, request.deviceId, 'checkin-batch', BATCH_LIMIT),
      this.judgeAll(event, scans, new Date()),
    ]);
    return { results: await this.commit(event, request.deviceId, request.scans, judged) };
  }

  private async authorise(
    event: EventEntity,
    principal: Principal,
    deviceId: string,
    limiter: string,
    rule: { points: number; seconds: number },
  ): Promise<void> {
    await this.devices.requireUsable(event, principal, deviceId);
    await this.rateLimits.consume(limiter, rule, deviceId);
  }

  /**
   * Writes judged scans and answers each one. Fresh rows are answered from memory; only duplicates (which point at
   * the admission they met) and replays are read back.
   */
  private async commit(
    event: EventEntity,
    deviceId: string,
    scans: Scan[],
    judged: Judged[],
  ): Promise<CheckinResult[]> {
    const receivedAt = judged[0]?.receivedAt ?? new Date();
    const answered = new Map<string, CheckinResult>();
    const answer = (items: Judged[], inserted: string[]): void => {
      const ids = new Set(inserted);
      for (const item of items) if (ids.has(item.row.id)) answered.set(item.row.nonce, freshResult(item));
    };

    const refused = judged.filter((item) => item.row.verdict !== 'admitted');
    answer(refused, await this.repository.insertRefusals(event.id, deviceId, receivedAt, refused.map(rowOf)));

    const stored = new Map<string, StoredScan>();
    let pending = judged.filter((item) => item.row.verdict === 'admitted');
    for (let round = 0; pending.length > 0; round += 1) {
      if (round >= MAX_ROUNDS) throw new Error('check-in could not settle against concurrent undos');
      // Within a request the earliest scan of a registration and day competes for the admission; the others can
      // only be already checked in.
      const competing = new Map<string, Judged>();
      for (const item of [...pending].sort(
        (a, b) => a.row.occurredAt.getTime() - b.row.occurredAt.getTime(),
      )) {
        const key = `${item.row.registrationId ?? ''}|${item.row.day}`;
        if (!competing.has(key)) competing.set(key, item);
      }
      const contenders = [...competing.values()];
      const admitted = await this.repository.insertAdmissions(
        event.id,
        deviceId,
        receivedAt,
        contenders.map(rowOf),
      );
      answer(contenders, admitted);
      const rest = pending.filter((item) => !answered.has(item.row.nonce));
      await this.repository.insertAlreadyCheckedIn(event.id, deviceId, receivedAt, rest.map(rowOf));
      const unresolved = rest.map((item) => item.row.nonce);
      if (unresolved.length > 0)
        for (const [nonce, row] of await this.repository.stored(deviceId, unresolved)) stored.set(nonce, row);
      // Neither admitted nor recorded as a duplicate: the admission it met was undone meanwhile. Try again.
      pending = rest.filter((item) => !stored.has(item.row.nonce));
    }

    // Refused scans whose nonce was known, read back.
    const replays = refused.filter((item) => !answered.has(item.row.nonce)).map((item) => item.row.nonce);
    if (replays.length > 0)
      for (const [nonce, row] of await this.repository.stored(deviceId, replays)) stored.set(nonce, row);

    const ours = new Map(judged.map((item) => [item.row.nonce, item.row.id]));
    const first = new Map<string, Scan>();
    return scans.map((scan) => {
      const repeated = first.has(scan.nonce);
      if (!repeated) first.set(scan.nonce, scan);
      const fresh = answered.get(scan.nonce);
      if (fresh) return repeated ? { ...fresh, replayed: true } : fresh;
      const row = stored.get(scan.nonce);
      if (!row) throw new Error('a recorded scan could not be read back');
      return toResult(row, repeated || ours.get(scan.nonce) !== row.id);
    });
  }

  /**
   * Undoes an admission (a mis-scan, the wrong person from the search list): only the device that made it, within
   * the undo window. The row stays, marked undone and audited; the registration may be admitted again.
   */
  async undo(
    event: EventEntity,
    principal: Principal,
    deviceId: string,
    checkinId: string,
  ): Promise<CheckinResult> {
    await this.devices.requireUsable(event, principal, deviceId);
    await this.rateLimits.consume('checkin-scan', SCAN_LIMIT, deviceId);
    const cutoff = new Date(Date.now() - CHECKIN_UNDO_WINDOW_SECONDS * 1000);
    const nonce = await this.dataSource.transaction(async (manager) => {
      // TypeORM answers an UPDATE with [rows, affected].
      const [rows] = await manager.query<
        [Array<{ id: string; nonce: string; person_id: string; day: string }>]
      >(
        `UPDATE checkins SET undone_at = now(), undone_by = $3
          WHERE id = $1 AND event_id = $2 AND device_id = $4 AND verdict = 'admitted' AND undone_at IS NULL
            AND received_at > $5
        RETURNING id, nonce, person_id, day::text AS day`,
        [checkinId, event.id, principal.personId, deviceId, cutoff],
      );
      const undone = rows[0];
      if (!undone) {
        const found = await manager.query<
          Array<{ nonce: string; device_id: string; verdict: CheckinVerdict; undone_at: Date | null }>
        >('SELECT nonce, device_id, verdict, undone_at FROM checkins WHERE id = $1 AND event_id = $2', [
          checkinId,
          event.id,
        ]);
        const row = found[0];
        if (!row) throw CheckinException.checkinNotFound();
        if (row.device_id !== deviceId)
          throw new CheckinException(
            'checkin/undo-not-allowed',
            'Only the device that admitted someone can undo it.',
          );
        if (row.verdict !== 'admitted')
          throw new CheckinException('checkin/undo-not-allowed', 'Only an admission can be undone.');
        if (row.undone_at) return row.nonce;
        throw new CheckinException(
          'checkin/undo-window-passed',
          `An admission can be undone for ${CHECKIN_UNDO_WINDOW_SECONDS / 60} minutes only.`,
        );
      }
      await this.audit.record(manager, {
        eventId: event.id,
        actorId: principal.personId,
        action: 'checkin.undo',
        targetId: undone.id,
        details: { deviceId },
      });
      await publishDomainEvent(manager, {
        type: 'checkin.undone',
        eventId: event.id,
        personId: undone.person_id,
        day: undone.day,
      });
      return undone.nonce;
    });
    const row = (await this.repository.stored(deviceId, [nonce])).get(nonce);
    if (!row) throw CheckinException.checkinNotFound();
    return toResult(row, false);
  }

  /** Reads every payload, loads what the verdicts need in three queries at most, and judges each scan. */
  private async judgeAll(event: EventEntity, scans: Scan[], receivedAt: Date): Promise<Judged[]> {
    const { publicKey } = this.tickets.keyPair(event.id);
    const readings = scans.map((scan) =>
      scan.payload === undefined ? null : readPayload(scan.payload, publicKey, event.id),
    );
    const ticketIds = new Set<string>();
    const foreignEvents = new Set<string>();
    for (const reading of readings) {
      if (reading?.kind === 'ticket') ticketIds.add(reading.ticketId);
      if (reading?.kind === 'foreign') foreignEvents.add(reading.eventId);
    }
    const registrationIds = [
      ...new Set(scans.flatMap((scan) => (scan.registrationId ? [scan.registrationId] : []))),
    ];
    const [byTicket, byRegistration, knownEvents] = await Promise.all([
      this.repository.ticketFacts(event.id, [...ticketIds]),
      this.repository.registrationFacts(event.id, registrationIds),
      this.repository.existingEvents([...foreignEvents]),
    ]);

    return scans.map((scan, index): Judged => {
      const reading = readings[index] ?? null;
      const scannedAt = new Date(scan.scannedAt);
      const occurred = occurredAt(scan.mode, scannedAt, receivedAt);
      const method = scan.payload === undefined ? 'manual' : 'qr';
      let verdict: CheckinVerdict;
      let reason: ScanRow['reason'] = null;
      let facts: ScanFacts | null = null;
      if (reading?.kind === 'invalid') {
        verdict = 'invalid';
        reason = reading.reason;
      } else if (reading?.kind === 'foreign') {
        const genuine =
          knownEvents.has(reading.eventId) &&
          isGenuineForeignTicket(
            scan.payload ?? '',
            this.tickets.keyPair(reading.eventId).publicKey,
            reading.eventId,
          );
        verdict = genuine ? 'wrong_event' : 'invalid';
        reason = genuine ? null : 'bad-signature';
      } else {
        facts =
          (reading ? byTicket.get(reading.ticketId) : byRegistration.get(scan.registrationId ?? '')) ?? null;
        const judgement = judge({ mode: scan.mode, occurredAt: occurred, method }, facts);
        verdict = judgement.verdict === 'admissible' ? 'admitted' : judgement.verdict;
        reason = judgement.reason;
      }
      return {
        facts,
        receivedAt,
        row: {
          id: randomUUID(),
          nonce: scan.nonce,
          gate: scan.gate,
          mode: scan.mode,
          method,
          verdict,
          reason,
          localVerdict: scan.mode === 'offline' ? (scan.localVerdict ?? null) : null,
          ticketId: facts?.ticketId ?? null,
          registrationId: facts?.registrationId ?? null,
          personId: facts?.personId ?? null,
          scannedAt,
          occurredAt: occurred,
          day: dayInTimeZone(occurred, event.timeZone),
        },
      };
    });
  }
}

/** A scan judged and ready to write, with what its answer needs. */
interface Judged {
  row: ScanRow;
  facts: ScanFacts | null;
  receivedAt: Date;
}

const rowOf = (item: Judged): ScanRow => item.row;

/** The first scan of each nonce: a nonce repeated inside one request is one scan. */
function uniqueByNonce(scans: Scan[]): Scan[] {
  const unique = new Map<string, Scan>();
  for (const scan of scans) if (!unique.has(scan.nonce)) unique.set(scan.nonce, scan);
  return [...unique.values()];
}

/** The answer to a scan just recorded (admitted or refused), from memory. */
function freshResult({ row, facts, receivedAt }: Judged): CheckinResult {
  return {
    checkinId: row.id,
    nonce: row.nonce,
    verdict: row.verdict,
    reason: row.reason,
    replayed: false,
    mode: row.mode,
    method: row.method,
    gate: row.gate,
    scannedAt: row.scannedAt.toISOString(),
    receivedAt: receivedAt.toISOString(),
    occurredAt: row.occurredAt.toISOString(),
    day: row.day,
    attendee: facts
      ? {
          registrationId: facts.registrationId,
          name: facts.name,
          organisation: facts.organisation,
          attendance: facts.attendance,
          status: facts.status,
          roles: facts.roles,
        }
      : null,
    firstCheckin: null,
    undoableUntil:
      row.verdict === 'admitted'
        ? new Date(receivedAt.getTime() + CHECKIN_UNDO_WINDOW_SECONDS * 1000).toISOString()
        : null,
    undoneAt: null,
  };
}

/** Maps a recorded scan to the contract. */
export function toResult(row: StoredScan, replayed: boolean): CheckinResult {
  const standing = row.verdict === 'admitted' && !row.undone_at;
  return {
    checkinId: row.id,
    nonce: row.nonce,
    verdict: row.verdict,
    reason: row.reason,
    replayed,
    mode: row.mode,
    method: row.method,
    gate: row.gate,
    scannedAt: row.scanned_at.toISOString(),
    receivedAt: row.received_at.toISOString(),
    occurredAt: row.occurred_at.toISOString(),
    day: row.day,
    attendee:
      row.registration_id && row.name !== null && row.attendance && row.status
        ? {
            registrationId: row.registration_id,
            name: row.name,
            organisation: row.organisation ?? '',
            attendance: row.attendance,
            status: row.status,
            roles: row.roles ?? [],
          }
        : null,
    firstCheckin:
      row.first_id && row.first_at
        ? {
            checkinId: row.first_id,
            at: row.first_at.toISOString(),
            gate: row.first_gate ?? '',
            deviceName: row.first_device ?? '',
          }
        : null,
    undoableUntil: standing
      ? new Date(row.received_at.getTime() + CHECKIN_UNDO_WINDOW_SECONDS * 1000).toISOString()
      : null,
    undoneAt: row.undone_at?.toISOString() ?? null,
  };
}
