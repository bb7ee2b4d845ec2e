import { EmptyState, PageHeader, SpeakerCard } from '@plenary/web-ui';
import { useEventContext } from './event-context';
import { useProgrammeTranslation } from './programme-i18n';
import { useEventDocumentTitle } from './use-event-document-title';

/** `/e/:slug/speakers`: everyone who speaks at the event. */
export function SpeakersPage() {
  const event = useEventContext();
  const { t } = useProgrammeTranslation();
  useEventDocumentTitle(t('speakers.documentTitle'));
  return (
    <div className="pl-container pp-page">
      <PageHeader
        eyebrow={event.tagline ?? event.name}
        title={t('speakers.title')}
        lead={t('speakers.lead', { count: event.speakers.length })}
      />
      {event.speakers.length > 0 ? (
        <ul className="pp-speaker-grid">
          {event.speakers.map((speaker) => (
            <SpeakerCard
              key={speaker.id}
              as="li"
              layout="stacked"
              headingLevel={2}
              name={speaker.name}
              honorific={speaker.honorific}
              title={speaker.title}
              organisation={speaker.organisation}
              country={speaker.country}
              photoUrl={speaker.photoUrl}
              photoSrcset={speaker.photo?.srcset}
            />
          ))}
        </ul>
      ) : (
        <EmptyState title={t('speakers.empty.title')} message={t('speakers.empty.message')} />
      )}
    </div>
  );
}
