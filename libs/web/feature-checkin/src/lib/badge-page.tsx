import { Button, LinkButton, Notice, useDocumentTitle } from '@plenary/web-ui';
import { toDataURL } from 'qrcode';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import type { StoredRegistration } from './checkin-db';
import { useCheckinTranslation } from './checkin-i18n';
import { useStaffDependencies } from './staff-dependencies';

/**
 * `/e/:slug/staff/badge/:registrationId`: a name badge to print at the door — name, organisation, role and a QR
 * code of the registration id. Read from the phone's offline list, so it works without a connection.
 */
export function BadgePage() {
  const { slug = '', registrationId = '' } = useParams();
  const { t } = useCheckinTranslation();
  const { openDb } = useStaffDependencies();
  const [person, setPerson] = useState<StoredRegistration | null | undefined>(undefined);
  const [qr, setQr] = useState<string | null | undefined>(undefined);
  useDocumentTitle(t('documentTitle', { page: t('badge.documentTitle') }));

  useEffect(() => {
    const db = openDb(slug);
    let current = true;
    db.registrations.get(registrationId).then(
      (found) => {
        if (current) setPerson(found ?? null);
      },
      () => undefined, // closed before it answered: this effect was cleaned up
    );
    return () => {
      current = false;
      db.close();
    };
  }, [openDb, slug, registrationId]);

  useEffect(() => {
    let current = true;
    toDataURL(registrationId, { errorCorrectionLevel: 'M', margin: 4, width: 480 }).then(
      (src) => current && setQr(src),
      () => current && setQr(null),
    );
    return () => {
      current = false;
    };
  }, [registrationId]);

  const back = `/e/${slug}/staff`;
  return (
    <main id="main" className="ck-badge-page">
      <div className="ck-badge-page__actions ck-no-print">
        <LinkButton variant="secondary" to={back}>
          {t('badge.back')}
        </LinkButton>
        <Button disabled={!person} onClick={() => window.print()}>
          {t('badge.print')}
        </Button>
      </div>
      {person === null && (
        <Notice tone="warning">
          <p>{t('badge.notFound')}</p>
        </Notice>
      )}
      {person && (
        <article className="ck-badge" aria-labelledby="ck-badge-name">
          <h1 id="ck-badge-name" className="ck-badge__name">
            {person.name}
          </h1>
          {person.organisation && <p className="ck-badge__organisation">{person.organisation}</p>}
          <p className="ck-badge__role">
            {person.roles
              .filter((role) => role !== 'attendee' || person.roles.length === 1)
              .map((role) => t(`role.${role}`))
              .join(' · ')}
          </p>
          {qr ? (
            <img
              className="ck-badge__qr"
              src={qr}
              alt={t('badge.qrAlt', { name: person.name })}
              width={160}
              height={160}
            />
          ) : qr === null ? (
            <p role="alert">{t('badge.qrFailed')}</p>
          ) : null}
        </article>
      )}
    </main>
  );
}
