import { Injectable } from '@nestjs/common';
import type {
  ClientToServerEvents,
  PollResults,
  QuestionsRankedEvent,
  ResyncEvent,
  ServerToClientEvents,
} from '@plenary/contracts';
import type { Server, Socket } from 'socket.io';
import type { SessionAccess } from '../engagement-access.service';
import type { PollRecord, QuestionRecord, SettingsRecord } from '../engagement.repository';
import { isPublicQuestion, resultsVisible, toPollView, toQuestionView } from '../views';
import { rooms } from './rooms';

export type EngagementServer = Server<ClientToServerEvents, ServerToClientEvents>;
export type EngagementSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

/** A committed change of a session with the sequence number its transaction gave it. */
export type SequencedChange =
  | { seq: number; type: 'question'; question: QuestionRecord }
  | { seq: number; type: 'poll'; poll: PollRecord; results: PollResults }
  | { seq: number; type: 'settings' };

/**
 * Delivers engagement events to socket.io rooms (on every node through the adapter). Each change goes out once per
 * audience — the asker's own sockets, the moderators, everyone else — with `except`, so every socket receives exactly
 * one event per sequence number and nobody receives what they may not see.
 */
@Injectable()
export class EngagementBroadcaster {
  private server: EngagementServer | null = null;

  /** Called by the gateway once socket.io is up. */
  attach(server: EngagementServer): void {
    this.server = server;
  }

  publish(settings: SettingsRecord, changes: SequencedChange[]): void {
    const server = this.server;
    if (!server) return;
    const sessionId = settings.sessionId;
    const everyone = rooms.session(sessionId);
    const moderators = rooms.moderators(sessionId);
    for (const change of changes) {
      const { seq } = change;
      switch (change.type) {
        case 'question': {
          const question = change.question;
          const base = { sessionId, seq, questionId: question.id };
          const author = question.personId ? rooms.person(sessionId, question.personId) : null;
          const others = toQuestionView(question, settings, false);
          if (author) {
            server
              .to(author)
              .emit('question:changed', { ...base, question: toQuestionView(question, settings, true) });
          }
          const notAuthor = author ? [author] : [];
          server
            .to(moderators)
            .except(notAuthor)
            .emit('question:changed', { ...base, question: others });
          server
            .to(everyone)
            .except([moderators, ...notAuthor])
            .emit('question:changed', {
              ...base,
              question: isPublicQuestion(question.status) ? others : null,
            });
          break;
        }
        case 'poll': {
          const { poll, results } = change;
          const base = { sessionId, seq, pollId: poll.id };
          server.to(moderators).emit('poll:changed', { ...base, poll: toPollView(poll, results, null) });
          const publicResults = resultsVisible(poll, { moderator: false, voted: false }) ? results : null;
          server
            .to(everyone)
            .except(moderators)
            .emit('poll:changed', {
              ...base,
              poll: poll.state === 'draft' ? null : toPollView(poll, publicResults, null),
            });
          break;
        }
        case 'settings':
          server.to(everyone).emit('session:settings-changed', {
            sessionId,
            seq,
            settings: {
              qaMode: settings.qaMode,
              anonymousAllowed: settings.anonymousAllowed,
              confidential: settings.confidential,
            },
          });
          break;
      }
    }
  }

  /** Vote counts on the ranking tick: public questions only, to everyone in the session. */
  ranked(sessionId: string, seq: number, votes: QuestionsRankedEvent['votes']): void {
    this.server?.to(rooms.session(sessionId)).emit('questions:ranked', { sessionId, seq, votes });
  }

  /** A coalesced tally, to those who may see it. */
  tally(poll: PollRecord, seq: number, results: PollResults): void {
    const server = this.server;
    if (!server || poll.state === 'draft') return;
    const payload = { sessionId: poll.sessionId, seq, pollId: poll.id, results };
    const moderators = rooms.moderators(poll.sessionId);
    if (resultsVisible(poll, { moderator: false, voted: false })) {
      server.to(rooms.session(poll.sessionId)).emit('poll:tally', payload);
    } else if (poll.visibility === 'after_vote') {
      server.to([rooms.voters(poll.sessionId, poll.id), moderators]).emit('poll:tally', payload);
    } else {
      server.to(moderators).emit('poll:tally', payload);
    }
  }

  /** Tells everyone in the session to rejoin. */
  resync(sessionId: string, reason: ResyncEvent['reason']): void {
    this.server?.to(rooms.session(sessionId)).emit('session:resync', { sessionId, reason });
  }

  /** Puts a socket in the session's rooms for its role (before the snapshot is read, so nothing falls between). */
  async enter(socket: EngagementSocket, access: SessionAccess, personId: string): Promise<void> {
    const { sessionId } = access;
    if (!access.canModerate) await socket.leave(rooms.moderators(sessionId));
    const joined = [rooms.session(sessionId), rooms.person(sessionId, personId)];
    if (access.canModerate) joined.push(rooms.moderators(sessionId));
    await socket.join(joined);
  }

  /** Adds the socket to the voters' rooms of the polls it voted in (results shown after voting). */
  async enterVoters(socket: EngagementSocket, sessionId: string, pollIds: string[]): Promise<void> {
    if (pollIds.length > 0) await socket.join(pollIds.map((pollId) => rooms.voters(sessionId, pollId)));
  }

  /** After a vote: every socket of the person in the session, on any node, joins the poll's voters' room. */
  voted(sessionId: string, personId: string, pollId: string): void {
    this.server?.in(rooms.person(sessionId, personId)).socketsJoin(rooms.voters(sessionId, pollId));
  }

  async leave(socket: EngagementSocket, sessionId: string): Promise<void> {
    const prefix = rooms.prefix(sessionId);
    const left = [...socket.rooms].filter((room) => room === prefix || room.startsWith(`${prefix}:`));
    for (const room of left) await socket.leave(room);
  }

  /** Sockets joined to the session on this node. */
  localMembers(sessionId: string): number {
    return this.server?.of('/').adapter.rooms.get(rooms.session(sessionId))?.size ?? 0;
  }
}
