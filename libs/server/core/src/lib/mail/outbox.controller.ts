import { Controller, Get, Inject } from '@nestjs/common';
import type { OutboxList } from '@plenary/contracts';
import type { AppConfig } from '../config/config.schema';
import { APP_CONFIG } from '../config/config.tokens';
import { CoreException } from '../errors/core.exception';
import { MailService } from './mail.service';

/**
 * The development mailbox, so the demo's sign-in mails can be read with nothing installed. Answered to anyone in every
 * `NODE_ENV` but `production` (development and test alike); `404` in production.
 */
@Controller('dev/outbox')
export class OutboxController {
  constructor(
    private readonly mail: MailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async list(): Promise<OutboxList> {
    if (this.config.NODE_ENV === 'production')
      throw new CoreException('core/not-found', 'Nothing was found at this address.');
    const messages = await this.mail.listOutbox();
    return {
      messages: messages.map((m) => ({
        id: m.id,
        to: m.toAddress,
        subject: m.subject,
        text: m.text,
        html: m.html,
        createdAt: m.createdAt.toISOString(),
      })),
    };
  }
}
