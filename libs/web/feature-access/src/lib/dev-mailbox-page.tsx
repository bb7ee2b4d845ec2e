import type { OutboxMessage } from '@plenary/contracts';
import { ApiRequestError, useOutbox } from '@plenary/web-data-access';
import { Button, EmptyState, LoadingState, MailIcon, Notice, PageHeader, Skeleton } from '@plenary/web-ui';
import { Link, useSearchParams } from 'react-router';
import { useAccessTranslation, useFormatLocale } from './access-i18n';
import { describeApiError } from './api-error-message';
import { formatDateTime } from './format-dates';
import { splitLinks } from './linkify';
import { useAccessDocumentTitle } from './use-route-event';

const MESSAGE_PARAM = 'message';

/**
 * `/dev/mailbox` (development only): the mails the platform would have sent, newest first; the selected one
 * as plain text, its URLs as links.
 */
export function DevMailboxPage() {
  const { t } = useAccessTranslation();
  const query = useOutbox({ poll: true });
  const [searchParams, setSearchParams] = useSearchParams();
  useAccessDocumentTitle(t('mailbox.documentTitle'));

  const messages = [...(query.data?.messages ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const requested = searchParams.get(MESSAGE_PARAM);
  const selected = messages.find((message) => message.id === requested) ?? messages[0];

  const handleSelect = (id: string) => {
    setSearchParams({ [MESSAGE_PARAM]: id }, { replace: true, preventScrollReset: true });
  };

  let content;
  if (query.isPending) {
    content = (
      <LoadingState label={t('mailbox.loading')}>
        <Skeleton shape="block" width="100%" height="16rem" />
      </LoadingState>
    );
  } else if (query.isError && !query.data) {
    content =
      query.error instanceof ApiRequestError && query.error.status === 404 ? (
        <EmptyState title={t('mailbox.unavailable.title')} message={t('mailbox.unavailable.message')} />
      ) : (
        <MailboxError error={query.error} onRetry={() => void query.refetch()} />
      );
  } else if (messages.length === 0) {
    content = <EmptyState title={t('mailbox.empty.title')} message={t('mailbox.empty.message')} />;
  } else {
    content = (
      <div className="pa-mailbox">
        <nav className="pa-mailbox__list" aria-label={t('mailbox.listLabel')}>
          <ul>
            {messages.map((message) => (
              <li key={message.id}>
                <MessageListItem
                  message={message}
                  selected={message.id === selected?.id}
                  onSelect={handleSelect}
                />
              </li>
            ))}
          </ul>
        </nav>
        {selected && <MessageView message={selected} />}
      </div>
    );
  }

  return (
    <div className="pl-container pa-page">
      <PageHeader eyebrow={t('mailbox.eyebrow')} title={t('mailbox.title')} lead={t('mailbox.lead')} />
      {content}
    </div>
  );
}

function MessageListItem({
  message,
  selected,
  onSelect,
}: {
  message: OutboxMessage;
  selected: boolean;
  onSelect: (id: string) => void;
}) {
  const locale = useFormatLocale();
  return (
    <button
      type="button"
      className="pa-mailbox__item"
      aria-current={selected ? 'true' : undefined}
      onClick={() => onSelect(message.id)}
    >
      <span className="pa-mailbox__subject">{message.subject}</span>
      <span className="pa-mailbox__meta">
        <span className="pa-mailbox__to">{message.to}</span>
        <time dateTime={message.createdAt}>{formatDateTime(message.createdAt, locale)}</time>
      </span>
    </button>
  );
}

function MessageView({ message }: { message: OutboxMessage }) {
  const { t } = useAccessTranslation();
  const locale = useFormatLocale();
  return (
    <article className="pa-mail" aria-labelledby="mail-subject">
      <header className="pa-mail__header">
        <MailIcon />
        <h2 id="mail-subject" className="pa-mail__subject">
          {message.subject}
        </h2>
        <dl className="pa-mail__meta">
          <div>
            <dt>{t('mailbox.to')}</dt>
            <dd>{message.to}</dd>
          </div>
          <div>
            <dt>{t('mailbox.sent')}</dt>
            <dd>
              <time dateTime={message.createdAt}>{formatDateTime(message.createdAt, locale)}</time>
            </dd>
          </div>
        </dl>
      </header>
      <div className="pa-mail__text">
        <MailText text={message.text} />
      </div>
    </article>
  );
}

/** Plain text with its URLs as links; links into this site stay in the app. */
export function MailText({ text }: { text: string }) {
  return (
    <>
      {splitLinks(text).map((segment, index) => {
        if (segment.kind === 'text') return segment.text;
        const url = new URL(segment.href);
        const key = `${index}-${segment.href}`;
        return url.origin === window.location.origin ? (
          <Link key={key} to={`${url.pathname}${url.search}${url.hash}`}>
            {segment.text}
          </Link>
        ) : (
          <a key={key} href={segment.href} rel="noopener noreferrer">
            {segment.text}
          </a>
        );
      })}
    </>
  );
}

function MailboxError({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const { t } = useAccessTranslation();
  const failure = describeApiError(error, t);
  return (
    <Notice
      role="alert"
      tone="error"
      title={failure.title}
      actions={
        <Button variant="secondary" onClick={onRetry}>
          {t('actions.retry')}
        </Button>
      }
    >
      <p>{failure.message}</p>
    </Notice>
  );
}
