import type { EventDetail, Partner } from '@plenary/contracts';
import { RenderedMarkdown } from '@plenary/web-ui';
import { EventContactForm } from './event-contact-form';
import { useProgrammeTranslation } from './programme-i18n';

/** The event page's own sections, in the organisers' order: text blocks, partners, then the contact. */
export function EventPageSections({ event }: { event: EventDetail }) {
  return (
    <>
      {event.blocks.map((block, index) => (
        <section key={`${index}-${block.title}`} className="pp-section" aria-labelledby={`block-${index}`}>
          <h2 id={`block-${index}`} className="pp-section__title">
            {block.title}
          </h2>
          <RenderedMarkdown html={block.bodyHtml} />
        </section>
      ))}
      <PartnersSection partners={event.partners} />
      <ContactSection event={event} />
    </>
  );
}

function PartnersSection({ partners }: { partners: Partner[] }) {
  const { t } = useProgrammeTranslation();
  if (partners.length === 0) return null;
  return (
    <section className="pp-section" aria-labelledby="partners-title">
      <h2 id="partners-title" className="pp-section__title">
        {t('sections.partnersTitle')}
      </h2>
      <ul className="pp-partners">
        {partners.map((partner, index) => {
          const content = partner.logoUrl ? (
            <img className="pp-partners__logo" src={partner.logoUrl} alt={partner.name} loading="lazy" />
          ) : (
            <span className="pp-partners__name">{partner.name}</span>
          );
          return (
            <li key={`${index}-${partner.name}`} className="pp-partners__item">
              {partner.url ? (
                <a href={partner.url} rel="noopener noreferrer" className="pp-partners__link">
                  {content}
                </a>
              ) : (
                content
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function ContactSection({ event }: { event: EventDetail }) {
  const { t } = useProgrammeTranslation();
  return (
    <section className="pp-section pp-contact" aria-labelledby="contact-title">
      <h2 id="contact-title" className="pp-section__title">
        {t('contact.title')}
      </h2>
      <div className="pp-contact__grid">
        <div className="pp-contact__details">
          <p>{t('contact.lead')}</p>
          {event.contactEmail && (
            <p>
              <span className="pp-contact__label">{t('contact.emailLabel')}</span>{' '}
              <a href={`mailto:${event.contactEmail}`}>{event.contactEmail}</a>
            </p>
          )}
          {event.contactAddress && (
            <address className="pp-contact__address">
              <span className="pp-contact__label">{t('contact.addressLabel')}</span>
              <br />
              {event.contactAddress}
            </address>
          )}
        </div>
        {/* A draft has no public form: the team sees why instead of a form that would be refused. */}
        {event.status === 'draft' ? (
          <p className="pp-contact__draft">{t('contact.draft')}</p>
        ) : (
          <EventContactForm eventSlug={event.slug} />
        )}
      </div>
    </section>
  );
}
