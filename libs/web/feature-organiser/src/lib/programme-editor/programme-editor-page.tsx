import type { ManagedSession, ProgrammeEditorView } from '@plenary/contracts';
import {
  readSessionConflict,
  refreshProgramme,
  updateSession,
  useProgrammeEditor,
} from '@plenary/web-data-access';
import { Button, LoadingState, Notice, Skeleton, Tabs } from '@plenary/web-ui';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { describeError } from '../describe-error';
import { useFormatLocale, useOrganiserTranslation } from '../organiser-i18n';
import { OrganiserShell } from '../organiser-page';
import { ConflictDialog } from './conflict-dialog';
import { DayView } from './day-view';
import type { SessionMove } from './day-view';
import { ListView } from './list-view';
import './programme-editor.css';
import { RoomsPanel } from './rooms-panel';
import { SessionForm } from './session-form';
import { emptySessionForm, sessionPatch, sessionToForm } from './session-form-model';
import type { SessionFormValues } from './session-form-model';
import { SpeakersPanel } from './speakers-panel';
import { WarningsSummary } from './warnings-summary';
import { datePart, daysBetween, timePart } from './wall-clock';

/** `/e/:slug/organiser/programme`: rooms, speakers and sessions of the event, in a day grid or a list. */
export function ProgrammeEditorPage() {
  const { t } = useOrganiserTranslation();
  return (
    <OrganiserShell title={t('editor.title')} lead={t('editor.lead')} path="organiser/programme">
      {(event) => <ProgrammeEditor slug={event.slug} />}
    </OrganiserShell>
  );
}

export function ProgrammeEditor({ slug }: { slug: string }) {
  const { t } = useOrganiserTranslation();
  const view = useProgrammeEditor(slug);
  if (view.isPending) {
    return (
      <LoadingState label={t('editor.loading')}>
        <div className="po-skeleton-stack">
          <Skeleton width="12rem" />
          <Skeleton shape="block" width="100%" height="16rem" />
        </div>
      </LoadingState>
    );
  }
  if (view.isError) {
    const { title, message } = describeError(view.error, t);
    return (
      <Notice
        tone="error"
        title={title}
        role="alert"
        actions={
          <Button variant="secondary" onClick={() => void view.refetch()}>
            {t('actions.retry')}
          </Button>
        }
      >
        <p>{message}</p>
      </Notice>
    );
  }
  return <ProgrammeEditorScreen slug={slug} data={view.data} />;
}

type Section = 'schedule' | 'rooms' | 'speakers';
type Layout = 'day' | 'list';

interface MoveConflict {
  mine: SessionFormValues;
  theirs: ManagedSession;
}

function ProgrammeEditorScreen({ slug, data }: { slug: string; data: ProgrammeEditorView }) {
  const { t } = useOrganiserTranslation();
  const locale = useFormatLocale();
  const queryClient = useQueryClient();
  const { event, rooms, sessions, speakers, warnings } = data;
  const days = daysBetween(event.startDate, event.endDate);
  const [section, setSection] = useState<Section>('schedule');
  const [layout, setLayout] = useState<Layout>(() =>
    typeof window !== 'undefined' && window.matchMedia?.('(max-width: 40rem)').matches ? 'list' : 'day',
  );
  const [day, setDay] = useState(days[0] ?? event.startDate);
  const [open, setOpen] = useState<{ session: ManagedSession | null; initial: SessionFormValues } | null>(
    null,
  );
  const [status, setStatus] = useState('');
  const [moveFailure, setMoveFailure] = useState<{ title: string; message: string } | null>(null);
  const [moveConflict, setMoveConflict] = useState<MoveConflict | null>(null);
  const [busy, setBusy] = useState(false);

  const formatDay = (isoDay: string) =>
    new Intl.DateTimeFormat(locale, {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      timeZone: 'UTC',
    }).format(new Date(`${isoDay}T00:00:00Z`));

  const openSession = (session: ManagedSession) => setOpen({ session, initial: sessionToForm(session) });
  const openNew = () => setOpen({ session: null, initial: emptySessionForm(day, rooms[0]?.id ?? '') });

  const handleMove = async (session: ManagedSession, move: SessionMove) => {
    setMoveFailure(null);
    const mine: SessionFormValues = {
      ...sessionToForm(session),
      day: datePart(move.startsLocal),
      startTime: timePart(move.startsLocal),
      endTime: timePart(move.endsLocal),
      roomId: move.roomId ?? '',
    };
    try {
      // Only the three fields of the move (the grid's pending state carries more).
      const result = await updateSession(slug, session.id, session.version, {
        startsLocal: move.startsLocal,
        endsLocal: move.endsLocal,
        roomId: move.roomId,
      });
      await refreshProgramme(queryClient, slug);
      setStatus(
        t('editor.savedMove', {
          title: result.session.title,
          start: timePart(result.session.startsLocal),
          room: result.session.room ?? t('editor.session.noRoom'),
        }) +
          (result.warnings.length > 0
            ? ` ${t('editor.savedWithWarnings', { count: result.warnings.length })}`
            : ''),
      );
    } catch (error) {
      const theirs = readSessionConflict(error);
      if (theirs) {
        // Only the move is mine: the rest of the session is as they saved it.
        setMoveConflict({
          theirs,
          mine: {
            ...sessionToForm(theirs),
            day: mine.day,
            startTime: mine.startTime,
            endTime: mine.endTime,
            roomId: mine.roomId,
          },
        });
        return;
      }
      setMoveFailure(describeError(error, t));
    }
  };

  const handleMoveOverwrite = async () => {
    if (!moveConflict) return;
    setBusy(true);
    try {
      const patch = sessionPatch(moveConflict.theirs, moveConflict.mine);
      if (patch) await updateSession(slug, moveConflict.theirs.id, moveConflict.theirs.version, patch);
      await refreshProgramme(queryClient, slug);
      setStatus(t('editor.savedSession', { title: moveConflict.theirs.title }));
      setMoveConflict(null);
    } catch (error) {
      const theirs = readSessionConflict(error);
      if (theirs) setMoveConflict({ ...moveConflict, theirs });
      else {
        setMoveConflict(null);
        setMoveFailure(describeError(error, t));
      }
    } finally {
      setBusy(false);
    }
  };

  const handleMoveUseTheirs = () => {
    setMoveConflict(null);
    setStatus(t('editor.conflict.keptTheirs'));
    void refreshProgramme(queryClient, slug);
  };

  const daySessions = sessions.filter((session) => datePart(session.startsLocal) === day);

  const schedule = (
    <div className="pe-schedule">
      <div className="pe-toolbar">
        <div className="pe-segmented" role="group" aria-label={t('editor.layout.label')}>
          {(['day', 'list'] as const).map((option) => (
            <button
              key={option}
              type="button"
              className="pe-segmented__option"
              aria-pressed={layout === option}
              onClick={() => setLayout(option)}
            >
              {t(`editor.layout.${option}`)}
            </button>
          ))}
        </div>
        <Button onClick={openNew}>{t('editor.session.add')}</Button>
      </div>
      <p className="pe-muted">{t('editor.zoneNote', { zone: event.timeZone })}</p>
      {moveFailure && (
        <Notice tone="error" role="alert" title={moveFailure.title} headingLevel={3}>
          <p>{moveFailure.message}</p>
        </Notice>
      )}
      <p className="pe-status" role="status">
        {status}
      </p>
      {layout === 'day' ? (
        <>
          <div className="pe-segmented pe-days" role="group" aria-label={t('editor.day.daysLabel')}>
            {days.map((option) => (
              <button
                key={option}
                type="button"
                className="pe-segmented__option"
                aria-pressed={day === option}
                onClick={() => setDay(option)}
              >
                {formatDay(option)}
              </button>
            ))}
          </div>
          <DayView
            key={day}
            day={day}
            sessions={daySessions}
            rooms={rooms}
            warnings={warnings}
            onOpen={openSession}
            onMove={handleMove}
          />
          {daySessions.length === 0 && <p className="pe-muted">{t('editor.day.empty')}</p>}
        </>
      ) : (
        <ListView sessions={sessions} warnings={warnings} formatDay={formatDay} onOpen={openSession} />
      )}
    </div>
  );

  return (
    <div className="pe-editor">
      <WarningsSummary warnings={warnings} sessions={sessions} onOpen={openSession} />
      <Tabs
        label={t('editor.sections.label')}
        idPrefix="pe-section"
        selectedId={section}
        onSelect={(id) => setSection(id as Section)}
        items={[
          {
            id: 'schedule',
            label: t('editor.sections.schedule', { count: sessions.length }),
            panel: schedule,
          },
          {
            id: 'rooms',
            label: t('editor.sections.rooms', { count: rooms.length }),
            panel: <RoomsPanel slug={slug} rooms={rooms} />,
          },
          {
            id: 'speakers',
            label: t('editor.sections.speakers', { count: speakers.length }),
            panel: <SpeakersPanel slug={slug} speakers={speakers} />,
          },
        ]}
      />
      {open && (
        <SessionForm
          slug={slug}
          event={event}
          rooms={rooms}
          speakers={speakers}
          session={open.session}
          initial={open.initial}
          warnings={warnings}
          onDone={(outcome) => {
            setOpen(null);
            if (outcome?.kind === 'saved') {
              const { session, warnings: concerning } = outcome.result;
              setStatus(
                t('editor.savedSession', { title: session.title }) +
                  (concerning.length > 0
                    ? ` ${t('editor.savedWithWarnings', { count: concerning.length })}`
                    : ''),
              );
            }
            if (outcome?.kind === 'deleted') setStatus(t('editor.deletedSession'));
          }}
        />
      )}
      {moveConflict && (
        <ConflictDialog
          mine={moveConflict.mine}
          theirs={sessionToForm(moveConflict.theirs)}
          rooms={rooms}
          speakers={speakers}
          busy={busy}
          onUseTheirs={handleMoveUseTheirs}
          onOverwrite={() => void handleMoveOverwrite()}
        />
      )}
    </div>
  );
}
