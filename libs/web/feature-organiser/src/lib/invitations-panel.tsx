import { InvitationsImport } from './invitations-import';
import { InvitePeopleForm } from './invite-people-form';
import { useOrganiserTranslation } from './organiser-i18n';
import { ParkedMails } from './parked-mails';

/**
 * "Invite people": speakers, moderators, staff, co-organisers and invited attendees, by hand or from a CSV file,
 * and the invitation mails that could not be delivered.
 */
export function InvitationsPanel({ eventSlug }: { eventSlug: string }) {
  const { t } = useOrganiserTranslation();
  return (
    <section className="po-invitations" aria-labelledby="invite-title">
      <div className="po-invitations__head">
        <h2 id="invite-title" className="po-panel__title">
          {t('invite.title')}
        </h2>
        <p className="po-invitations__lead">{t('invite.lead')}</p>
      </div>
      <ParkedMails eventSlug={eventSlug} />
      <InvitePeopleForm eventSlug={eventSlug} />
      <InvitationsImport eventSlug={eventSlug} />
    </section>
  );
}
