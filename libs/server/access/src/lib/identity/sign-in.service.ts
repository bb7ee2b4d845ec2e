import { Inject, Injectable } from '@nestjs/common';
import type { AcceptedResponse } from '@plenary/contracts';
import {
  APP_CONFIG,
  FailureLog,
  LOGGER,
  MailService,
  RateLimitService,
  renderMail,
  type AppConfig,
} from '@plenary/server-core';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { AccessException } from '../access.exception';
import { PersonEntity, SignInTokenEntity } from '../entities';
import { SessionService } from './session.service';
import { accessCodeHash, newAccessCode, newSecretToken, returnedRows, sha256 } from './secrets';

const LINK_TTL_MS = 15 * 60_000;
export const SIGN_IN_LIMITS = {
  perEmail: { points: 5, seconds: 15 * 60 },
  perIp: { points: 30, seconds: 15 * 60 },
  redeemPerIp: { points: 60, seconds: 15 * 60 },
  codeFailuresPerEmail: { points: 5, seconds: 60 * 60 },
} as const;

/** Where a sign-in link leads: the event it was asked for, and a path on this site to open once signed in. */
export interface SignInLinkTarget {
  eventSlug?: string;
  next?: string;
}

export const SIGN_IN_ACCEPTED: AcceptedResponse = {
  status: 'accepted',
  message:
    'If this address is registered, a sign-in link and code are on their way. They work once, for 15 minutes.',
};

/**
 * "Already registered? Access here": a magic link and an access code by mail, single use, 15 minutes. The answer
 * never says whether the address is known, and the work that differs (token, mail) happens after the answer.
 */
@Injectable()
export class SignInService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionService,
    private readonly limits: RateLimitService,
    private readonly mail: MailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly failures: FailureLog,
  ) {}

  /**
   * `link.next` has passed the contract's `nextPathSchema` (a path on this site); it rides in the link's fragment so
   * the confirm page can go there once signed in.
   */
  async request(email: string, ip: string, link: SignInLinkTarget = {}): Promise<AcceptedResponse> {
    await this.limits.consume('sign-in-ip', SIGN_IN_LIMITS.perIp, ip);
    await this.limits.consume('sign-in-email', SIGN_IN_LIMITS.perEmail, email);
    const person = await this.dataSource.getRepository(PersonEntity).findOneBy({ email });
    if (person) {
      setImmediate(() => {
        // After the answer, so it cannot tell whether the address is known: a failure here is the person's to retry
        // ("Didn't get it? Send again"). An outage (a full disk, PostgreSQL away) is one throttled warning.
        this.sendSignInMail(person, link).catch((error: unknown) =>
          this.failures.record(error, 'sign-in mail not queued'),
        );
      });
    }
    return SIGN_IN_ACCEPTED;
  }

  private async sendSignInMail(person: PersonEntity, target: SignInLinkTarget): Promise<void> {
    const token = newSecretToken();
    const code = newAccessCode();
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(SignInTokenEntity, {
        id: randomUUID(),
        personId: person.id,
        tokenHash: sha256(token),
        codeHash: accessCodeHash(this.config.AUTH_SECRET, person.id, code),
        expiresAt: new Date(Date.now() + LINK_TTL_MS),
        usedAt: null,
      });
      // The token rides in the fragment: browsers never send it to a server, so no log ever holds it.
      const fragment = new URLSearchParams({ token });
      if (target.eventSlug) fragment.set('event', target.eventSlug);
      if (target.next) fragment.set('next', target.next);
      const link = `${this.config.PUBLIC_URL}/auth/confirm#${fragment.toString()}`;
      const lines = [
        `Hello ${person.name},`,
        'Use this link to sign in to Plenary. It works once, for the next 15 minutes:',
        link,
        `Or enter this access code on the sign-in page: ${code}`,
        'If you did not ask to sign in, you can ignore this mail.',
      ];
      await this.mail.enqueue(
        {
          to: person.email,
          subject: `Your Plenary sign-in link (code ${code})`,
          text: lines.join('\n\n'),
          html: renderMail([lines[0] ?? '', lines[1] ?? '', lines[3] ?? '', lines[4] ?? ''], {
            label: 'Sign in',
            url: link,
          }),
        },
        manager,
      );
    });
  }

  /** Consumes a magic link (exactly once, even under concurrent redeems) and opens a session. */
  async redeemLink(token: string, ip: string): Promise<{ personId: string; cookie: string }> {
    await this.limits.consume('redeem-ip', SIGN_IN_LIMITS.redeemPerIp, ip);
    return this.dataSource.transaction(async (manager) => {
      const rows = returnedRows(
        await manager.query<Array<{ person_id: string }> | [Array<{ person_id: string }>, number]>(
          `UPDATE sign_in_tokens SET used_at = now()
          WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
          RETURNING person_id`,
          [sha256(token)],
        ),
      );
      const personId = rows[0]?.person_id;
      if (!personId) {
        throw new AccessException(
          'identity/link-invalid',
          'This sign-in link has already been used or has expired. Request a new one.',
        );
      }
      const { cookie } = await this.sessions.create(personId, manager);
      return { personId, cookie };
    });
  }

  /** Consumes an access code; failed attempts are capped per address per hour. */
  async redeemCode(email: string, code: string, ip: string): Promise<{ personId: string; cookie: string }> {
    await this.limits.consume('redeem-ip', SIGN_IN_LIMITS.redeemPerIp, ip);
    const blocked = await this.limits.isBlocked('code-failures', SIGN_IN_LIMITS.codeFailuresPerEmail, email);
    if (blocked) await this.limits.consume('code-failures', SIGN_IN_LIMITS.codeFailuresPerEmail, email);
    const person = await this.dataSource.getRepository(PersonEntity).findOneBy({ email });
    const result = person
      ? await this.dataSource.transaction(async (manager) => {
          const rows = returnedRows(
            await manager.query<Array<{ person_id: string }> | [Array<{ person_id: string }>, number]>(
              `UPDATE sign_in_tokens SET used_at = now()
              WHERE id = (SELECT id FROM sign_in_tokens
                           WHERE person_id = $1 AND code_hash = $2 AND used_at IS NULL AND expires_at > now()
                           ORDER BY created_at DESC LIMIT 1 FOR UPDATE SKIP LOCKED)
              RETURNING person_id`,
              [person.id, accessCodeHash(this.config.AUTH_SECRET, person.id, code)],
            ),
          );
          if (!rows[0]) return null;
          const { cookie } = await this.sessions.create(person.id, manager);
          return { personId: person.id, cookie };
        })
      : null;
    if (!result) {
      await this.limits.consume('code-failures', SIGN_IN_LIMITS.codeFailuresPerEmail, email);
      throw new AccessException(
        'identity/code-invalid',
        'This code is not valid. Check the latest mail, or request a new code.',
      );
    }
    return result;
  }
}
