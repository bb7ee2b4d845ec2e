import { QUESTION_MAX_LENGTH, cleanText } from '@plenary/contracts';
import type { ModerationAction, QuestionView } from '@plenary/contracts';
import { useEditQuestion, useModerateQuestion } from '@plenary/web-data-access';
import { Badge, Button, SelectField, Tabs, classNames } from '@plenary/web-ui';
import { useEffect, useId, useState } from 'react';
import type { FormEvent, KeyboardEvent as ReactKeyboardEvent } from 'react';
import { QUESTION_MIN_LENGTH } from './ask-question-form';
import { describeLiveError } from './describe-live-error';
import { useFormatLocale, useLiveTranslation } from './live-i18n';
import { QUEUE_TABS, queueCounts, queueItems, shortcutFor } from './moderation-queue-model';
import type { QueueSort, QueueTab, ShortcutCommand, SourceFilter } from './moderation-queue-model';
import { QuestionStatusBadge, QuestionText, useAskerLabel } from './question-parts';

/** The moderation actions that apply to a question in its state, in the order they are offered. */
export function actionsFor(question: QuestionView): ModerationAction[] {
  switch (question.status) {
    case 'pending':
      return ['approve', 'reject', 'highlight'];
    case 'approved':
      return [question.highlighted ? 'unhighlight' : 'highlight', 'answer', 'archive', 'reject'];
    case 'answered':
      return ['approve', 'archive'];
    case 'rejected':
    case 'archived':
      return ['approve'];
    case 'withdrawn':
      return [];
  }
}

const SHORTCUT_OF: Partial<Record<ModerationAction, string>> = {
  approve: 'A',
  reject: 'R',
  highlight: 'H',
  unhighlight: 'H',
  answer: 'D',
  archive: 'X',
};

const itemDomId = (questionId: string) => `lv-mod-${questionId}`;

/**
 * The moderators' question queues: tabs with counts, sort and source filter, and per question the actions its
 * state allows. Keyboard: J/K move through the list, A/R/H/D/X act on the selected question, E edits its text.
 */
export function ModerationQueue({ questions }: { questions: QuestionView[] }) {
  const { t } = useLiveTranslation();
  const id = useId();
  const moderate = useModerateQuestion();
  const [tab, setTab] = useState<QueueTab>('pending');
  const [sort, setSort] = useState<QueueSort>('votes');
  const [source, setSource] = useState<SourceFilter>('all');
  const [selection, setSelection] = useState<{ id: string; index: number } | null>(null);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const counts = queueCounts(questions);
  const items = queueItems(questions, tab, sort, source);
  // When the selected question leaves the list (approved, rejected…), the one now at its place is selected.
  const selected =
    items.find((item) => item.id === selection?.id) ??
    (selection && items.length > 0 ? items[Math.min(selection.index, items.length - 1)] : undefined);

  const select = (question: QuestionView, focus: boolean) => {
    setSelection({ id: question.id, index: items.indexOf(question) });
    if (focus) document.getElementById(itemDomId(question.id))?.focus();
  };

  const act = (question: QuestionView, action: ModerationAction) => {
    setError(null);
    moderate.mutate(
      { questionId: question.id, action },
      { onError: (failure) => setError(describeLiveError(failure, t)) },
    );
  };

  const runCommand = (command: ShortcutCommand): boolean => {
    if (command === 'next' || command === 'previous') {
      if (items.length === 0) return false;
      const current = selected ? items.indexOf(selected) : -1;
      const next =
        command === 'next'
          ? Math.min(items.length - 1, current + 1)
          : Math.max(0, current === -1 ? 0 : current - 1);
      const target = items[next];
      if (target) select(target, true);
      return true;
    }
    if (!selected) return false;
    if (command === 'edit') {
      setEditingId(selected.id);
      return true;
    }
    const allowed = actionsFor(selected);
    const action: ModerationAction | undefined =
      command === 'highlight'
        ? allowed.find((a) => a === 'highlight' || a === 'unhighlight')
        : allowed.find((a) => a === command);
    if (!action) return false;
    act(selected, action);
    return true;
  };

  useEffect(() => {
    const handleKeyDown = (event: KeyboardEvent) => {
      const command = shortcutFor(event);
      if (command && runCommand(command)) event.preventDefault();
    };
    document.addEventListener('keydown', handleKeyDown);
    return () => document.removeEventListener('keydown', handleKeyDown);
  });

  const list = (
    <>
      {items.length === 0 ? (
        <p className="lv-queue__empty">
          {source === 'all' ? t(`moderate.queue.empty.${tab}`) : t('moderate.queue.emptyFiltered')}
        </p>
      ) : (
        <ol className="lv-queue__list">
          {items.map((question, index) => (
            <QueueItem
              key={question.id}
              question={question}
              position={index + 1}
              total={items.length}
              selected={question.id === selected?.id}
              editing={editingId === question.id}
              onSelect={() => select(question, false)}
              onAction={(action) => act(question, action)}
              onEdit={() => setEditingId(question.id)}
              onEditDone={() => {
                setEditingId(null);
                document.getElementById(itemDomId(question.id))?.focus();
              }}
            />
          ))}
        </ol>
      )}
    </>
  );

  return (
    <section className="lv-queue" aria-labelledby={`${id}-title`}>
      <div className="lv-queue__head">
        <h2 id={`${id}-title`} className="lv-console__title">
          {t('moderate.queue.title')}
        </h2>
        <div className="lv-queue__controls">
          <SelectField
            id={`${id}-sort`}
            label={t('moderate.queue.sort')}
            value={sort}
            onChange={(event) => setSort(event.target.value as QueueSort)}
          >
            <option value="votes">{t('moderate.queue.sortVotes')}</option>
            <option value="newest">{t('moderate.queue.sortNewest')}</option>
            <option value="oldest">{t('moderate.queue.sortOldest')}</option>
          </SelectField>
          <SelectField
            id={`${id}-source`}
            label={t('moderate.queue.source')}
            value={source}
            onChange={(event) => setSource(event.target.value as SourceFilter)}
          >
            <option value="all">{t('moderate.queue.sourceAll')}</option>
            <option value="remote">{t('question.source.remote')}</option>
            <option value="room">{t('question.source.room')}</option>
            <option value="floor">{t('question.source.floor')}</option>
          </SelectField>
        </div>
      </div>
      {error && (
        <p className="pl-field__error lv-queue__error" role="alert">
          {error}
        </p>
      )}
      <Tabs
        label={t('moderate.queue.tabsLabel')}
        idPrefix={`${id}-queue`}
        selectedId={tab}
        onSelect={(next) => {
          setTab(next as QueueTab);
          setSelection(null);
          setEditingId(null);
        }}
        items={QUEUE_TABS.map((queue) => ({
          id: queue,
          label: (
            <span className="lv-queue__tab">
              {t(`moderate.queue.tab.${queue}`)} <span className="lv-queue__count">{counts[queue]}</span>
            </span>
          ),
          panel: queue === tab ? list : null,
        }))}
      />
    </section>
  );
}

interface QueueItemProps {
  question: QuestionView;
  position: number;
  total: number;
  selected: boolean;
  editing: boolean;
  onSelect: () => void;
  onAction: (action: ModerationAction) => void;
  onEdit: () => void;
  onEditDone: () => void;
}

function QueueItem({
  question,
  position,
  total,
  selected,
  editing,
  onSelect,
  onAction,
  onEdit,
  onEditDone,
}: QueueItemProps) {
  const { t } = useLiveTranslation();
  const locale = useFormatLocale();
  const askerLabel = useAskerLabel();
  const textId = `${itemDomId(question.id)}-text`;
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(
    new Date(question.createdAt),
  );
  return (
    <li>
      <article
        id={itemDomId(question.id)}
        className={classNames(
          'lv-mod-item',
          selected && 'lv-mod-item--selected',
          question.highlighted && 'lv-mod-item--highlighted',
        )}
        tabIndex={-1}
        aria-labelledby={textId}
        aria-describedby={`${textId}-position`}
        aria-current={selected ? 'true' : undefined}
        onFocus={onSelect}
        onClick={onSelect}
      >
        <span id={`${textId}-position`} className="pl-visually-hidden">
          {t('moderate.queue.itemLabel', { position, total })}
        </span>
        <div className="lv-mod-item__head">
          <span className="lv-mod-item__votes">
            <svg className="lv-upvote__icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
              <path d="M8 3 2.5 10h11z" fill="currentColor" />
            </svg>
            {t('question.votes', { count: question.votes })}
          </span>
          <Badge tone="neutral">{t(`question.source.${question.source}`)}</Badge>
          {question.highlighted && (
            <Badge tone="live" dot>
              {t('moderate.queue.highlighted')}
            </Badge>
          )}
          {(question.status === 'rejected' || question.status === 'archived') && (
            <QuestionStatusBadge status={question.status} />
          )}
          <span className="lv-mod-item__time">{time}</span>
        </div>
        {editing ? (
          <ModeratorEditForm question={question} onDone={onEditDone} />
        ) : (
          <QuestionText id={textId} text={question.text} className="lv-mod-item__text" />
        )}
        <p className="lv-question__meta">
          {askerLabel(question)}
          {question.editedByModerator && <> · {t('question.editedByModerator')}</>}
        </p>
        {!editing && (
          <div className="lv-mod-item__actions">
            {actionsFor(question).map((action) => (
              <Button
                key={action}
                variant={action === 'approve' || action === 'highlight' ? 'primary' : 'secondary'}
                onClick={(event) => {
                  event.stopPropagation();
                  onSelect();
                  onAction(action);
                }}
              >
                {question.status !== 'pending' && action === 'approve'
                  ? t('moderate.action.restore')
                  : t(`moderate.action.${action}`)}
                {SHORTCUT_OF[action] && (
                  <kbd className="lv-kbd" aria-hidden="true">
                    {SHORTCUT_OF[action]}
                  </kbd>
                )}
              </Button>
            ))}
            <Button
              variant="quiet"
              onClick={(event) => {
                event.stopPropagation();
                onSelect();
                onEdit();
              }}
            >
              {t('moderate.action.edit')}
              <kbd className="lv-kbd" aria-hidden="true">
                E
              </kbd>
            </Button>
          </div>
        )}
      </article>
    </li>
  );
}

function ModeratorEditForm({ question, onDone }: { question: QuestionView; onDone: () => void }) {
  const { t } = useLiveTranslation();
  const id = useId();
  const edit = useEditQuestion();
  const [draft, setDraft] = useState(question.text);
  const [error, setError] = useState<string | null>(null);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = cleanText(draft);
    if (text.length < QUESTION_MIN_LENGTH) return setError(t('ask.tooShort', { min: QUESTION_MIN_LENGTH }));
    if (text.length > QUESTION_MAX_LENGTH) {
      return setError(
        t('ask.tooLong', { count: text.length - QUESTION_MAX_LENGTH, max: QUESTION_MAX_LENGTH }),
      );
    }
    if (text === question.text) return onDone();
    edit.mutate(
      { questionId: question.id, text },
      { onSuccess: onDone, onError: (failure) => setError(describeLiveError(failure, t)) },
    );
  };

  const handleKeyDown = (event: ReactKeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onDone();
    }
  };

  return (
    <form className="lv-mod-item__edit" onSubmit={handleSubmit} noValidate>
      <label htmlFor={`${id}-text`} className="pl-field__label">
        {t('moderate.action.editLabel')}
      </label>
      <textarea
        id={`${id}-text`}
        className="pl-input pl-input--multiline"
        rows={3}
        value={draft}
        // The moderator asked to edit (E or the button): the text is where they want to be.
        autoFocus
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onKeyDown={handleKeyDown}
        onChange={(event) => {
          setDraft(event.target.value);
          setError(null);
        }}
      />
      {error && (
        <p id={`${id}-error`} className="pl-field__error" role="alert">
          {error}
        </p>
      )}
      <div className="lv-mod-item__actions">
        <Button type="submit" aria-disabled={edit.isPending ? true : undefined}>
          {t('moderate.action.save')}
        </Button>
        <Button variant="quiet" onClick={onDone}>
          {t('moderate.action.cancel')}
        </Button>
      </div>
    </form>
  );
}
