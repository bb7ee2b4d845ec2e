import type { CheckinConflict, CheckinDevice } from '@plenary/contracts';
import { useCheckinConflicts, useCheckinDevices, useRevokeCheckinDevice } from '@plenary/web-data-access';
import { BackLink, Button, LinkButton, Notice, PageHeader, useDocumentTitle } from '@plenary/web-ui';
import { useParams } from 'react-router';
import { formatDateTime, useCheckinTranslation, useFormatLocale } from './checkin-i18n';

/** `/e/:slug/organiser/checkin`: the event's check-in devices (with revoke) and the conflict report. */
export function OrganiserCheckinPage() {
  const { slug = '' } = useParams();
  const { t } = useCheckinTranslation();
  useDocumentTitle(t('documentTitle', { page: t('organiser.documentTitle') }));
  return (
    <div className="pl-container ck-organiser">
      <PageHeader
        before={<BackLink to={`/e/${slug}/organiser`}>{t('organiser.back')}</BackLink>}
        title={t('organiser.title')}
        actions={
          <LinkButton variant="secondary" to={`/e/${slug}/staff`}>
            {t('organiser.openStaffApp')}
          </LinkButton>
        }
      />
      <DevicesSection slug={slug} />
      <ConflictsSection slug={slug} />
    </div>
  );
}

function DevicesSection({ slug }: { slug: string }) {
  const { t } = useCheckinTranslation();
  const locale = useFormatLocale();
  const devices = useCheckinDevices(slug);
  const revoke = useRevokeCheckinDevice(slug);

  const handleRevoke = (device: CheckinDevice) => {
    if (window.confirm(t('organiser.devices.confirmRevoke', { name: device.name }))) revoke.mutate(device.id);
  };

  return (
    <section className="ck-organiser__section" aria-labelledby="ck-devices-title">
      <h2 id="ck-devices-title">{t('organiser.devices.title')}</h2>
      {devices.error ? (
        <Notice tone="error" role="alert">
          <p>{t('organiser.devices.failed', { message: devices.error.message })}</p>
        </Notice>
      ) : devices.data && devices.data.devices.length === 0 ? (
        <p>{t('organiser.devices.empty')}</p>
      ) : devices.data ? (
        <div className="ck-table-wrap">
          <table className="ck-table">
            <thead>
              <tr>
                <th scope="col">{t('organiser.devices.name')}</th>
                <th scope="col">{t('organiser.devices.owner')}</th>
                <th scope="col">{t('organiser.devices.lastSeen')}</th>
                <th scope="col">{t('organiser.devices.scans')}</th>
                <th scope="col">{t('organiser.devices.state')}</th>
              </tr>
            </thead>
            <tbody>
              {devices.data.devices.map((device) => (
                <tr key={device.id}>
                  <th scope="row">{device.name}</th>
                  <td>{device.ownerName ?? t('organiser.devices.unknownOwner')}</td>
                  <td>{formatDateTime(device.lastSeenAt, locale)}</td>
                  <td>{device.scans}</td>
                  <td>
                    {device.revokedAt ? (
                      t('organiser.devices.revokedAt', { time: formatDateTime(device.revokedAt, locale) })
                    ) : (
                      <Button
                        variant="secondary"
                        disabled={revoke.isPending}
                        aria-label={t('organiser.devices.revoke', { name: device.name })}
                        onClick={() => handleRevoke(device)}
                      >
                        {t('organiser.devices.revokeShort')}
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p role="status">{t('loading')}</p>
      )}
    </section>
  );
}

function ConflictsSection({ slug }: { slug: string }) {
  const { t } = useCheckinTranslation();
  const conflicts = useCheckinConflicts(slug);
  return (
    <section className="ck-organiser__section" aria-labelledby="ck-conflicts-title">
      <h2 id="ck-conflicts-title">{t('organiser.conflicts.title')}</h2>
      <p>{t('organiser.conflicts.intro')}</p>
      {conflicts.error ? (
        <Notice tone="error" role="alert">
          <p>{t('organiser.conflicts.failed', { message: conflicts.error.message })}</p>
        </Notice>
      ) : conflicts.data && conflicts.data.conflicts.length === 0 ? (
        <p>{t('organiser.conflicts.empty')}</p>
      ) : conflicts.data ? (
        <ul className="ck-conflicts">
          {conflicts.data.conflicts.map((conflict, index) => (
            <ConflictItem
              key={`${conflict.kind}-${conflict.registrationId ?? index}-${conflict.day}`}
              conflict={conflict}
            />
          ))}
        </ul>
      ) : (
        <p role="status">{t('loading')}</p>
      )}
    </section>
  );
}

function ConflictItem({ conflict }: { conflict: CheckinConflict }) {
  const { t } = useCheckinTranslation();
  const locale = useFormatLocale();
  return (
    <li className="ck-conflict">
      <h3 className="ck-conflict__title">
        {t(`organiser.conflicts.kind.${conflict.kind}`)}:{' '}
        {conflict.name ?? t('organiser.conflicts.unknownPerson')}
        {conflict.organisation ? ` (${conflict.organisation})` : ''} · {conflict.day}
      </h3>
      <ul>
        {conflict.scans.map((scan) => (
          <li key={scan.checkinId}>
            {t('organiser.conflicts.scan', {
              device: scan.deviceName,
              gate: scan.gate,
              mode: scan.mode,
              verdict: t(`verdict.title.${scan.verdict}`),
            })}{' '}
            {scan.localVerdict &&
              t('organiser.conflicts.localVerdict', {
                verdict: t(`verdict.title.${scan.localVerdict}`),
              })}{' '}
            {t('organiser.conflicts.scannedAt', {
              scanned: formatDateTime(scan.scannedAt, locale),
              received: formatDateTime(scan.receivedAt, locale),
            })}
          </li>
        ))}
      </ul>
    </li>
  );
}
