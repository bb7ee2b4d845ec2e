import { Injectable } from '@nestjs/common';
import type {
  EngagementSettings,
  SessionLeft,
  SessionSnapshot,
  sessionSettingsSchema,
} from '@plenary/contracts';
import type { Principal } from '@plenary/server-access';
import { ProgrammeService } from '@plenary/server-programme';
import type { z } from 'zod';
import { EngagementAccessService, type SessionAccess } from './engagement-access.service';
import { EngagementRepository } from './engagement.repository';
import { PresenceReader } from './presence/presence-reader';
import { PresenceTracker } from './presence/presence-tracker';
import { EngagementBroadcaster, type EngagementSocket } from './realtime/engagement.broadcaster';
import { SessionChanges } from './session-changes';
import { resultsVisible, toPollView, toQuestionView } from './views';

type SettingsUpdate = z.output<typeof sessionSettingsSchema>;

const SESSION_ROOM = /^session:([0-9a-f-]{36})$/;

/** Engagement sessions the socket has joined. */
function joinedSessions(socket: EngagementSocket): string[] {
  return [...socket.rooms].flatMap((room) => {
    const match = SESSION_ROOM.exec(room);
    return match?.[1] ? [match[1]] : [];
  });
}

/** Joining and leaving a session's Q&A and polls, the snapshot, and the session's settings. */
@Injectable()
export class SessionEngagementService {
  private readonly ensured = new Set<string>();

  constructor(
    private readonly access: EngagementAccessService,
    private readonly repository: EngagementRepository,
    private readonly changes: SessionChanges,
    private readonly broadcaster: EngagementBroadcaster,
    private readonly presence: PresenceTracker,
    private readonly programme: ProgrammeService,
    private readonly presenceReader: PresenceReader,
  ) {}

  /**
   * Joins the socket to the session's rooms for its role, then reads the snapshot: events committed after the
   * snapshot's `seq` reach the socket, older ones are in the snapshot.
   */
  async join(socket: EngagementSocket, principal: Principal, sessionId: string): Promise<SessionSnapshot> {
    const access = await this.access.resolve(principal, sessionId);
    await this.broadcaster.enter(socket, access, principal.personId);
    this.presence.entered(socket, { eventId: access.eventId, sessionId, personId: principal.personId });
    const snapshot = await this.snapshot(principal, access);
    const voted = snapshot.polls.filter((poll) => poll.myVote !== null).map((poll) => poll.id);
    await this.broadcaster.enterVoters(socket, sessionId, voted);
    return { ...snapshot, online: await this.online(access) };
  }

  /**
   * Sockets in the session on every node: this node's from memory, the others' from their presence rows (written
   * within a quarter second, gone within the presence TTL when a node dies). Falls back to this node's count.
   */
  private async online(access: SessionAccess): Promise<number> {
    const local = this.broadcaster.localMembers(access.sessionId);
    try {
      return (
        local +
        (await this.presenceReader.socketsElsewhere(access.eventId, access.sessionId, this.presence.nodeId))
      );
    } catch {
      return local;
    }
  }

  async leave(socket: EngagementSocket, sessionId: string): Promise<SessionLeft> {
    await this.broadcaster.leave(socket, sessionId);
    return { sessionId };
  }

  /**
   * The person's access to an event changed (registration approved, cancelled, rejected…): their sockets on this
   * node leave the event's sessions and are asked to rejoin, which checks access afresh — refused ones get a nack.
   */
  async accessChanged(sockets: EngagementSocket[], personId: string, eventId: string): Promise<void> {
    this.access.forgetPerson(personId);
    for (const socket of sockets) {
      for (const sessionId of joinedSessions(socket)) {
        const sessionEvent = await this.access.eventIdOf(sessionId).catch(() => null);
        if (sessionEvent !== eventId) continue;
        await this.broadcaster.leave(socket, sessionId);
        socket.emit('session:resync', { sessionId, reason: 'access' });
      }
    }
  }

  /** Everything the person may see, read in one repeatable-read transaction with the sequence number. */
  async snapshot(principal: Principal, access: SessionAccess): Promise<SessionSnapshot> {
    const { sessionId } = access;
    await this.ensure(sessionId);
    const moderator = access.canModerate;
    return this.repository.readConsistently(async (manager) => {
      const settings = await this.repository.settings(manager, sessionId);
      if (!settings) throw new Error(`engagement settings of ${sessionId} are missing`);
      const questions = await this.repository.listQuestions(manager, sessionId, {
        personId: principal.personId,
        moderator,
      });
      const polls = await this.repository.listPolls(manager, sessionId, moderator);
      const ballots = await this.repository.myBallots(manager, sessionId, principal.personId);
      const visible = polls.filter((poll) =>
        resultsVisible(poll, { moderator, voted: ballots.has(poll.id) }),
      );
      const tallies = await this.repository.tallies(
        manager,
        visible.map((poll) => poll.id),
      );
      const myUpvotes = await this.repository.myUpvotes(manager, sessionId, principal.personId);
      return {
        sessionId,
        seq: settings.seq,
        canModerate: moderator,
        settings: {
          qaMode: settings.qaMode,
          anonymousAllowed: settings.anonymousAllowed,
          confidential: settings.confidential,
        },
        questions: questions.map((question) =>
          toQuestionView(question, settings, question.personId === principal.personId),
        ),
        polls: polls.map((poll) =>
          toPollView(poll, tallies.get(poll.id) ?? null, ballots.get(poll.id) ?? null),
        ),
        myUpvotes,
        online: 0,
      };
    });
  }

  /** Moderators change the Q&A mode, whether anonymous questions are allowed, and confidentiality. */
  async updateSettings(principal: Principal, input: SettingsUpdate): Promise<EngagementSettings> {
    await this.access.requireModerator(principal, input.sessionId);
    const outcome = await this.changes.run(input.sessionId, async (manager, current) => {
      const next: EngagementSettings = {
        qaMode: input.qaMode ?? current.qaMode,
        anonymousAllowed: input.anonymousAllowed ?? current.anonymousAllowed,
        confidential: input.confidential ?? current.confidential,
      };
      const unchanged =
        next.qaMode === current.qaMode &&
        next.anonymousAllowed === current.anonymousAllowed &&
        next.confidential === current.confidential;
      if (unchanged) return { result: { next, resync: false }, changes: [] };
      await this.repository.updateSettings(manager, input.sessionId, next);
      // Confidentiality belongs to the session itself (the programme context owns it and versions it).
      if (next.confidential !== current.confidential)
        await this.programme.setConfidential(manager, input.sessionId, next.confidential);
      return {
        result: { next, resync: next.confidential !== current.confidential },
        changes: [{ type: 'settings' as const }],
      };
    });
    // Askers' names appear or vanish on every question: clients rejoin rather than patch each one.
    if (outcome.result.resync) this.broadcaster.resync(input.sessionId, 'settings');
    return outcome.result.next;
  }

  private async ensure(sessionId: string): Promise<void> {
    if (this.ensured.has(sessionId)) return;
    await this.repository.ensureSettings(sessionId);
    if (this.ensured.size > 100_000) this.ensured.clear();
    this.ensured.add(sessionId);
  }
}
