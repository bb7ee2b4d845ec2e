import { EVENT_FORMATS, PARTNER_TIERS } from '@plenary/contracts';
import type { PartnerTier } from '@plenary/contracts';
import { Button, RadioGroup, RenderedMarkdown, SelectField, TextAreaField, TextField } from '@plenary/web-ui';
import { useId, useMemo } from 'react';
import type { ReactNode } from 'react';
import { useOrganiserTranslation } from '../organiser-i18n';
import type { BlockValues, EventFormValues, PartnerValues } from './event-form-model';
import { slugIssue, timeZones } from './event-form-model';

/** The fields typed as one string each. */
type TextKey = Exclude<keyof EventFormValues, 'format' | 'partners' | 'blocks'>;

export interface EventFormFieldsProps {
  values: EventFormValues;
  onChange: (values: EventFormValues) => void;
  /** Field id → message (client check or the API's answer). */
  errors: Record<string, string>;
  /** `create`: what a new event needs; `edit`: every field, the page sections included. */
  mode: 'create' | 'edit';
  /** The slug the event has now (edit): a change shows that the old address keeps redirecting. */
  savedSlug?: string;
  /** The description as the server rendered it at the last save (edit). */
  descriptionHtml?: string | null;
}

/** The fields of an event, grouped in fieldsets; ids are `event-<field>` (see `fieldIdFor`). */
export function EventFormFields({
  values,
  onChange,
  errors,
  mode,
  savedSlug,
  descriptionHtml,
}: EventFormFieldsProps) {
  const { t } = useOrganiserTranslation();
  const zones = useMemo(timeZones, []);
  const zoneListId = useId();
  const set = <K extends keyof EventFormValues>(key: K, value: EventFormValues[K]) =>
    onChange({ ...values, [key]: value });
  const text = (key: TextKey) => ({
    id: `event-${key}`,
    value: values[key],
    error: errors[`event-${key}`],
    onChange: (change: { target: { value: string } }) => set(key, change.target.value),
  });
  const optional = t('events.form.optional');
  const liveSlugIssue = slugIssue(values.slug);
  const slugError = errors['event-slug'] ?? liveSlugIssue ?? undefined;

  return (
    <>
      <fieldset className="pl-fieldset po-event-form__group">
        <legend className="po-event-form__legend">{t('events.form.identity')}</legend>
        <TextField {...text('name')} label={t('events.form.name')} autoComplete="off" />
        <TextField
          {...text('slug')}
          error={slugError}
          label={t('events.form.slug')}
          hint={
            savedSlug !== undefined && values.slug !== savedSlug
              ? t('events.form.slugChanged', { old: savedSlug })
              : t('events.form.slugHint', { slug: values.slug || 'vmc-2022' })
          }
          autoComplete="off"
          spellCheck={false}
          inputMode="url"
        />
        <TextField {...text('shortName')} label={t('events.form.shortName')} optionalLabel={optional} />
        <TextField {...text('tagline')} label={t('events.form.tagline')} optionalLabel={optional} />
        {mode === 'edit' && (
          <div className="po-event-form__markdown">
            <TextAreaField
              {...text('description')}
              rows={8}
              label={t('events.form.description')}
              hint={t('events.form.markdownHint')}
              optionalLabel={optional}
            />
            {descriptionHtml && (
              <div className="po-event-form__preview" aria-labelledby="event-description-preview">
                <p id="event-description-preview" className="po-event-form__preview-title">
                  {t('events.form.preview')}
                </p>
                <RenderedMarkdown html={descriptionHtml} />
              </div>
            )}
          </div>
        )}
      </fieldset>

      <fieldset className="pl-fieldset po-event-form__group">
        <legend className="po-event-form__legend">{t('events.form.when')}</legend>
        <div className="po-event-form__row">
          <TextField {...text('startDate')} type="date" label={t('events.form.startDate')} />
          <TextField {...text('endDate')} type="date" label={t('events.form.endDate')} />
        </div>
        <TextField
          {...text('timeZone')}
          label={t('events.form.timeZone')}
          hint={t('events.form.timeZoneHint', { count: zones.length })}
          list={zoneListId}
          autoComplete="off"
          spellCheck={false}
        />
        <datalist id={zoneListId}>
          {zones.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
      </fieldset>

      <fieldset className="pl-fieldset po-event-form__group">
        <legend className="po-event-form__legend">{t('events.form.where')}</legend>
        <RadioGroup
          id="event-format"
          name="format"
          legend={t('events.form.format')}
          value={values.format}
          onChange={(format) => set('format', format)}
          error={errors['event-format']}
          options={EVENT_FORMATS.map((format) => ({ value: format, label: t(`events.format.${format}`) }))}
        />
        <TextField {...text('venueName')} label={t('events.form.venueName')} optionalLabel={optional} />
        <div className="po-event-form__row">
          <TextField {...text('venueCity')} label={t('events.form.venueCity')} optionalLabel={optional} />
          <TextField
            {...text('venueCountry')}
            label={t('events.form.venueCountry')}
            optionalLabel={optional}
          />
        </div>
        {mode === 'edit' && (
          <TextAreaField
            {...text('venueAddress')}
            rows={3}
            label={t('events.form.venueAddress')}
            optionalLabel={optional}
          />
        )}
        <TextField
          {...text('languages')}
          label={t('events.form.languages')}
          hint={t('events.form.languagesHint')}
          spellCheck={false}
        />
      </fieldset>

      <fieldset className="pl-fieldset po-event-form__group">
        <legend className="po-event-form__legend">{t('events.form.look')}</legend>
        <TextField
          {...text('organiserName')}
          label={t('events.form.organiserName')}
          optionalLabel={optional}
        />
        {mode === 'edit' && (
          <>
            <TextField
              {...text('organiserUrl')}
              type="url"
              label={t('events.form.organiserUrl')}
              optionalLabel={optional}
            />
            <TextField
              {...text('logoUrl')}
              type="url"
              label={t('events.form.logoUrl')}
              optionalLabel={optional}
            />
          </>
        )}
        <AccentColourField
          value={values.accentColor}
          error={errors['event-accentColor']}
          onChange={(value) => set('accentColor', value)}
        />
      </fieldset>

      {mode === 'edit' && (
        <>
          <fieldset className="pl-fieldset po-event-form__group">
            <legend className="po-event-form__legend">{t('events.form.contact')}</legend>
            <TextField
              {...text('contactEmail')}
              type="email"
              label={t('events.form.contactEmail')}
              hint={t('events.form.contactEmailHint')}
              optionalLabel={optional}
            />
            <TextAreaField
              {...text('contactAddress')}
              rows={3}
              label={t('events.form.contactAddress')}
              optionalLabel={optional}
            />
          </fieldset>
          <PartnersEditor
            partners={values.partners}
            errors={errors}
            onChange={(partners) => set('partners', partners)}
          />
          <BlocksEditor blocks={values.blocks} errors={errors} onChange={(blocks) => set('blocks', blocks)} />
        </>
      )}
    </>
  );
}

function AccentColourField({
  value,
  error,
  onChange,
}: {
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  const { t } = useOrganiserTranslation();
  return (
    <div className="po-event-form__colour">
      <TextField
        id="event-accentColor"
        label={t('events.form.accentColor')}
        hint={t('events.form.accentColorHint')}
        optionalLabel={t('events.form.optional')}
        value={value}
        error={error}
        placeholder="#1c3f72"
        spellCheck={false}
        onChange={(change) => onChange(change.target.value)}
      />
      <input
        type="color"
        className="po-event-form__swatch"
        aria-label={t('events.form.accentColorPicker')}
        value={/^#[0-9a-fA-F]{6}$/.test(value) ? value : '#1c3f72'}
        onChange={(change) => onChange(change.target.value)}
      />
    </div>
  );
}

/** Moves item `index` one place up (-1) or down (+1). */
function move<T>(items: readonly T[], index: number, by: -1 | 1): T[] {
  const target = index + by;
  if (target < 0 || target >= items.length) return [...items];
  const next = [...items];
  const [item] = next.splice(index, 1);
  if (item !== undefined) next.splice(target, 0, item);
  return next;
}

function ListItemActions({
  index,
  count,
  label,
  onMove,
  onRemove,
}: {
  index: number;
  count: number;
  label: string;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const { t } = useOrganiserTranslation();
  return (
    <div className="po-event-form__item-actions">
      <Button variant="quiet" disabled={index === 0} onClick={() => onMove(-1)}>
        {t('events.form.moveUp')}
        <span className="pl-visually-hidden">: {label}</span>
      </Button>
      <Button variant="quiet" disabled={index === count - 1} onClick={() => onMove(1)}>
        {t('events.form.moveDown')}
        <span className="pl-visually-hidden">: {label}</span>
      </Button>
      <Button variant="quiet" onClick={onRemove}>
        {t('events.form.remove')}
        <span className="pl-visually-hidden">: {label}</span>
      </Button>
    </div>
  );
}

function ListEditor({
  legend,
  hint,
  empty,
  addLabel,
  onAdd,
  children,
}: {
  legend: string;
  hint: string;
  empty: boolean;
  addLabel: string;
  onAdd: () => void;
  children: ReactNode;
}) {
  const { t } = useOrganiserTranslation();
  return (
    <fieldset className="pl-fieldset po-event-form__group">
      <legend className="po-event-form__legend">{legend}</legend>
      <p className="pl-field__hint">{hint}</p>
      {empty ? (
        <p className="po-event-form__empty">{t('events.form.noneYet')}</p>
      ) : (
        <ol className="po-event-form__items">{children}</ol>
      )}
      <div>
        <Button variant="secondary" onClick={onAdd}>
          {addLabel}
        </Button>
      </div>
    </fieldset>
  );
}

function PartnersEditor({
  partners,
  errors,
  onChange,
}: {
  partners: PartnerValues[];
  errors: Record<string, string>;
  onChange: (partners: PartnerValues[]) => void;
}) {
  const { t } = useOrganiserTranslation();
  const update = (index: number, change: Partial<PartnerValues>) =>
    onChange(partners.map((partner, i) => (i === index ? { ...partner, ...change } : partner)));
  return (
    <ListEditor
      legend={t('events.form.partners')}
      hint={t('events.form.partnersHint')}
      empty={partners.length === 0}
      addLabel={t('events.form.addPartner')}
      onAdd={() => onChange([...partners, { name: '', url: '', logoUrl: '', tier: 'supporter' }])}
    >
      {partners.map((partner, index) => {
        const id = `event-partners-${index}`;
        const label = partner.name || t('events.form.partnerNumber', { number: index + 1 });
        return (
          <li key={index} className="po-event-form__item">
            <div className="po-event-form__row">
              <TextField
                id={`${id}-name`}
                label={t('events.form.partnerName')}
                value={partner.name}
                error={errors[`${id}-name`]}
                onChange={(change) => update(index, { name: change.target.value })}
              />
              <SelectField
                id={`${id}-tier`}
                label={t('events.form.partnerTier')}
                value={partner.tier}
                onChange={(change) => update(index, { tier: change.target.value as PartnerTier })}
              >
                {PARTNER_TIERS.map((tier) => (
                  <option key={tier} value={tier}>
                    {t(`events.tier.${tier}`)}
                  </option>
                ))}
              </SelectField>
            </div>
            <div className="po-event-form__row">
              <TextField
                id={`${id}-url`}
                type="url"
                label={t('events.form.partnerUrl')}
                optionalLabel={t('events.form.optional')}
                value={partner.url}
                error={errors[`${id}-url`]}
                onChange={(change) => update(index, { url: change.target.value })}
              />
              <TextField
                id={`${id}-logoUrl`}
                type="url"
                label={t('events.form.partnerLogoUrl')}
                optionalLabel={t('events.form.optional')}
                value={partner.logoUrl}
                error={errors[`${id}-logoUrl`]}
                onChange={(change) => update(index, { logoUrl: change.target.value })}
              />
            </div>
            <ListItemActions
              index={index}
              count={partners.length}
              label={label}
              onMove={(by) => onChange(move(partners, index, by))}
              onRemove={() => onChange(partners.filter((_, i) => i !== index))}
            />
          </li>
        );
      })}
    </ListEditor>
  );
}

function BlocksEditor({
  blocks,
  errors,
  onChange,
}: {
  blocks: BlockValues[];
  errors: Record<string, string>;
  onChange: (blocks: BlockValues[]) => void;
}) {
  const { t } = useOrganiserTranslation();
  const update = (index: number, change: Partial<BlockValues>) =>
    onChange(blocks.map((block, i) => (i === index ? { ...block, ...change } : block)));
  return (
    <ListEditor
      legend={t('events.form.blocks')}
      hint={t('events.form.blocksHint')}
      empty={blocks.length === 0}
      addLabel={t('events.form.addBlock')}
      onAdd={() => onChange([...blocks, { title: '', body: '' }])}
    >
      {blocks.map((block, index) => {
        const id = `event-blocks-${index}`;
        const label = block.title || t('events.form.blockNumber', { number: index + 1 });
        return (
          <li key={index} className="po-event-form__item">
            <TextField
              id={`${id}-title`}
              label={t('events.form.blockTitle')}
              value={block.title}
              error={errors[`${id}-title`]}
              onChange={(change) => update(index, { title: change.target.value })}
            />
            <TextAreaField
              id={`${id}-body`}
              rows={5}
              label={t('events.form.blockBody')}
              hint={t('events.form.markdownHint')}
              value={block.body}
              error={errors[`${id}-body`]}
              onChange={(change) => update(index, { body: change.target.value })}
            />
            <ListItemActions
              index={index}
              count={blocks.length}
              label={label}
              onMove={(by) => onChange(move(blocks, index, by))}
              onRemove={() => onChange(blocks.filter((_, i) => i !== index))}
            />
          </li>
        );
      })}
    </ListEditor>
  );
}
