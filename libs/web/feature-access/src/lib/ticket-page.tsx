import type { EventDetail, Me, RegistrationStatus, Ticket } from '@plenary/contracts';
import {
  ApiRequestError,
  findMembership,
  hasWorkRole,
  roleLinks,
  useMe,
  useMyTicket,
  useRegistrationUpdates,
} from '@plenary/web-data-access';
import {
  BackLink,
  Badge,
  Button,
  CalendarIcon,
  LinkButton,
  Notice,
  PageHeader,
  RegistrationStatusBadge,
} from '@plenary/web-ui';
import { useAccessTranslation, useFormatLocale } from './access-i18n';
import { describeApiError } from './api-error-message';
import { formatDateRange, formatDateTime } from './format-dates';
import { PageLoading } from './page-loading';
import { TicketQrCode } from './ticket-qr-code';
import { useAccessDocumentTitle, useRouteEvent } from './use-route-event';

/** `/e/:slug/ticket`: the signed-in person's ticket with its QR code, or why there is none. */
export function TicketPage() {
  const event = useRouteEvent();
  const { t } = useAccessTranslation();
  if (!event) return <PageLoading label={t('loading.page')} />;
  return <TicketContent event={event} />;
}

function TicketContent({ event }: { event: EventDetail }) {
  const { t } = useAccessTranslation();
  const me = useMe();
  useAccessDocumentTitle(t('ticket.documentTitle'), event);
  const base = `/e/${event.slug}`;
  return (
    <div className="pl-container pa-page">
      <PageHeader
        before={<BackLink to={base}>{t('actions.backToEvent')}</BackLink>}
        eyebrow={event.tagline ?? event.name}
        title={t('ticket.title')}
      />
      {me.isPending ? (
        <TicketLoading />
      ) : me.data ? (
        <PersonTicket event={event} me={me.data} />
      ) : (
        <SignedOutTicket event={event} />
      )}
    </div>
  );
}

function TicketLoading() {
  const { t } = useAccessTranslation();
  return (
    <div role="status" aria-live="polite" className="pa-ticket pa-ticket--loading">
      <span className="pl-visually-hidden">{t('loading.ticket')}</span>
      <div className="pa-qr pa-qr--pending" aria-hidden="true" />
    </div>
  );
}

function SignedOutTicket({ event }: { event: EventDetail }) {
  const { t } = useAccessTranslation();
  const base = `/e/${event.slug}`;
  return (
    <Notice
      title={t('ticket.signedOut.title')}
      actions={
        <>
          <LinkButton to={`${base}/access?next=${encodeURIComponent(`${base}/ticket`)}`}>
            {t('actions.access')}
          </LinkButton>
          <LinkButton to={`${base}/register`} variant="secondary">
            {t('actions.register')}
          </LinkButton>
        </>
      }
    >
      <p>{t('ticket.signedOut.message')}</p>
    </Notice>
  );
}

function PersonTicket({ event, me }: { event: EventDetail; me: Me }) {
  const { t } = useAccessTranslation();
  const query = useMyTicket(event.slug);
  // A reissue, a cancellation or an approval reaches this open page within a second or two.
  useRegistrationUpdates(event.slug, event.id);
  const base = `/e/${event.slug}`;

  const error = query.error;
  // A refetch that failed keeps the old data: a ticket that is gone (cancelled, rejected) must not stay on screen,
  // while a passing network error keeps showing the last good ticket.
  const ticketGone =
    error instanceof ApiRequestError &&
    (error.status === 401 ||
      error.code === 'registration/not-registered' ||
      error.code === 'registration/not-approved');
  if (query.data && !ticketGone) return <TicketCard event={event} ticket={query.data} />;
  if (query.isPending) return <TicketLoading />;

  if (error instanceof ApiRequestError) {
    if (error.status === 401) return <SignedOutTicket event={event} />;
    if (error.code === 'registration/not-registered') {
      const membership = findMembership(me, event.slug);
      if (hasWorkRole(membership)) return <WorkRoleNotice event={event} me={me} />;
      return (
        <Notice
          title={t('ticket.notRegistered.title')}
          actions={<LinkButton to={`${base}/register`}>{t('actions.register')}</LinkButton>}
        >
          <p>{t('ticket.notRegistered.message', { email: me.person.email })}</p>
        </Notice>
      );
    }
    if (error.code === 'registration/not-approved') {
      const status = findMembership(me, event.slug)?.registration?.status ?? 'pending';
      return <RegistrationStatusNotice event={event} status={status} />;
    }
  }
  const failure = describeApiError(error, t);
  return (
    <Notice
      role="alert"
      tone="error"
      title={failure.title}
      actions={
        <Button variant="secondary" onClick={() => void query.refetch()}>
          {t('actions.retry')}
        </Button>
      }
    >
      <p>{failure.message}</p>
    </Notice>
  );
}

/**
 * Someone who works at the event without a registration (organiser, staff, moderator, speaker) needs no ticket:
 * their roles and a link to each of their tools, instead of "You are not registered — Register".
 */
function WorkRoleNotice({ event, me }: { event: EventDetail; me: Me }) {
  const { t } = useAccessTranslation();
  const membership = findMembership(me, event.slug);
  const roles = (membership?.roles ?? []).map((role) => t(`role.${role}`)).join(', ');
  return (
    <Notice
      title={t('ticket.workRole.title')}
      actions={roleLinks(membership, event.slug).map((link, index) => (
        <LinkButton key={link.tool} to={link.to} variant={index === 0 ? 'primary' : 'secondary'}>
          {t(`tools.${link.tool}`)}
        </LinkButton>
      ))}
    >
      <p>{t('ticket.workRole.message', { roles })}</p>
    </Notice>
  );
}

/** Why a registered person has no ticket yet (or any more): pending, waiting list, rejected, cancelled. */
export function RegistrationStatusNotice({
  event,
  status,
}: {
  event: EventDetail;
  status: RegistrationStatus;
}) {
  const { t } = useAccessTranslation();
  return (
    <Notice
      tone={status === 'pending' || status === 'waitlisted' ? 'info' : 'warning'}
      title={
        <span className="pa-status-title">
          {t(`ticket.status.${status}.title`)}
          <RegistrationStatusBadge status={status}>{t(`status.${status}`)}</RegistrationStatusBadge>
        </span>
      }
      actions={
        status === 'cancelled' ? (
          <LinkButton to={`/e/${event.slug}/register`}>{t('actions.registerAgain')}</LinkButton>
        ) : undefined
      }
    >
      <p>{t(`ticket.status.${status}.message`, { event: event.name })}</p>
    </Notice>
  );
}

/** "Hofburg, Vienna"; just the name when it already names the city ("Vienna", "Vienna and online"). */
function formatVenue(venue: EventDetail['venue']): string {
  return venue.name.includes(venue.city) ? venue.name : `${venue.name}, ${venue.city}`;
}

function TicketCard({ event, ticket }: { event: EventDetail; ticket: Ticket }) {
  const { t } = useAccessTranslation();
  const locale = useFormatLocale();
  const handlePrint = () => window.print();
  return (
    <article className="pa-ticket" aria-labelledby="ticket-holder">
      <div className="pa-ticket__code">
        <TicketQrCode
          payload={ticket.qrPayload}
          alt={t('ticket.qrAlt', { name: ticket.holder.name, event: event.tagline ?? event.name })}
          failureLabel={t('ticket.qrFailed')}
        />
        <p className="pa-ticket__hint">{t('ticket.scanHint')}</p>
      </div>
      <div className="pa-ticket__details">
        <p className="pl-eyebrow">{event.tagline ?? event.name}</p>
        <h2 id="ticket-holder" className="pa-ticket__holder">
          {ticket.holder.name}
        </h2>
        {ticket.holder.organisation && (
          <p className="pa-ticket__organisation">{ticket.holder.organisation}</p>
        )}
        <dl className="pa-facts">
          <div>
            <dt>{t('ticket.attendanceLabel')}</dt>
            <dd>{t(`attendance.${ticket.attendance}`)}</dd>
          </div>
          <div>
            <dt>{t('ticket.rolesLabel')}</dt>
            <dd className="pa-badges">
              {ticket.roles.map((role) => (
                <Badge key={role} tone={role === 'attendee' ? 'neutral' : 'navy'}>
                  {t(`role.${role}`)}
                </Badge>
              ))}
            </dd>
          </div>
          <div>
            <dt>{t('ticket.datesLabel')}</dt>
            <dd className="pa-ticket__dates">
              <CalendarIcon />
              <time dateTime={event.startDate}>
                {formatDateRange(event.startDate, event.endDate, locale)}
              </time>
            </dd>
          </div>
          {ticket.attendance === 'in_person' && event.venue.name && (
            <div>
              <dt>{t('ticket.venueLabel')}</dt>
              <dd>{formatVenue(event.venue)}</dd>
            </div>
          )}
          <div>
            <dt>{t('ticket.issuedLabel')}</dt>
            <dd>
              <time dateTime={ticket.issuedAt}>{formatDateTime(ticket.issuedAt, locale)}</time>
            </dd>
          </div>
        </dl>
        <p className="pa-muted">
          {ticket.attendance === 'in_person' ? t('ticket.inPersonNote') : t('ticket.remoteNote')}
        </p>
        <div className="pa-actions pa-no-print">
          <Button variant="secondary" onClick={handlePrint}>
            {t('ticket.print')}
          </Button>
          <LinkButton to={`/e/${event.slug}/programme`} variant="quiet">
            {t('actions.viewProgramme')}
          </LinkButton>
        </div>
      </div>
    </article>
  );
}
