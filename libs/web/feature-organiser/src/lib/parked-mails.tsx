import { useParkedMails } from '@plenary/web-data-access';
import { Notice } from '@plenary/web-ui';
import { useFormatLocale, useOrganiserTranslation } from './organiser-i18n';

/** Mails about the event that were parked after repeated delivery failures: a count and the latest ones. */
export function ParkedMails({ eventSlug }: { eventSlug: string }) {
  const { t } = useOrganiserTranslation();
  const locale = useFormatLocale();
  const parked = useParkedMails(eventSlug).data;
  if (!parked || parked.count === 0) return null;
  return (
    <Notice tone="warning" headingLevel={3} title={t('parkedMails.title', { count: parked.count })}>
      <p>{t('parkedMails.message')}</p>
      <div className="po-parked">
        <table className="po-parked__table">
          <caption className="pl-visually-hidden">{t('parkedMails.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('parkedMails.to')}</th>
              <th scope="col">{t('parkedMails.subject')}</th>
              <th scope="col">{t('parkedMails.attempts')}</th>
              <th scope="col">{t('parkedMails.error')}</th>
            </tr>
          </thead>
          <tbody>
            {parked.mails.map((mail) => (
              <tr key={mail.id}>
                <td>{mail.to}</td>
                <td>{mail.subject}</td>
                <td>{new Intl.NumberFormat(locale).format(mail.attempts)}</td>
                <td>{mail.lastError ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {parked.count > parked.mails.length && <p>{t('parkedMails.more', { count: parked.mails.length })}</p>}
    </Notice>
  );
}
