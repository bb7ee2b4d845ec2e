import type { HandStatus, MyHand, StageState } from '@plenary/contracts';
import { publishDomainEvent } from '@plenary/server-core';
import type { EntityManager } from 'typeorm';
import type { StageRow } from '../media.repository';

/** The `StageState` clients see for a stage row; `egress` is whether recording can be configured at all. */
export function stageStateOf(sessionId: string, row: StageRow, egress: boolean): StageState {
  return {
    sessionId,
    state: row.state,
    backstageOpen: row.backstageOpen,
    recording: row.recordingEgressId !== null,
    recordingAvailable: egress && !row.confidential,
    confidential: row.confidential,
  };
}

/**
 * Tells the live nodes, when the transaction of `manager` commits, that the stage changed (ADR 0013): they push
 * `stage:changed` to the session's sockets.
 */
export function publishStageChanged(
  manager: EntityManager,
  eventId: string,
  stage: StageState,
): Promise<void> {
  return publishDomainEvent(manager, {
    type: 'media.stage-changed',
    eventId,
    sessionId: stage.sessionId,
    stage,
  });
}

/**
 * Tells the live nodes, on commit, that a person's hand changed: the moderators refetch the queue
 * (`stage:hands-changed`), the person's clients learn the status (`stage:my-hand`).
 */
export function publishHandChanged(
  manager: EntityManager,
  eventId: string,
  sessionId: string,
  personId: string,
  status: HandStatus | MyHand['status'] | null,
): Promise<void> {
  return publishDomainEvent(manager, {
    type: 'media.hand-changed',
    eventId,
    sessionId,
    personId,
    status: status ?? 'none',
  });
}
