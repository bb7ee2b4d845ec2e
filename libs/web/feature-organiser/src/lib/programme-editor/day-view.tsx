import type { ManagedRoom, ManagedSession, ProgrammeWarning } from '@plenary/contracts';
import { useLayoutEffect, useRef, useState } from 'react';
import type { KeyboardEvent, PointerEvent } from 'react';
import { useOrganiserTranslation } from '../organiser-i18n';
import { addMinutes, formatMinuteOfDay, minuteOfDay, minutesBetween, snap, timePart } from './wall-clock';

/** Where a session is to go: its new wall-clock times and room. */
export interface SessionMove {
  startsLocal: string;
  endsLocal: string;
  roomId: string | null;
}

export interface DayViewProps {
  day: string;
  sessions: readonly ManagedSession[];
  rooms: readonly ManagedRoom[];
  warnings: readonly ProgrammeWarning[];
  onOpen: (session: ManagedSession) => void;
  /** Saves a move (a PATCH with If-Match); resolves when done, whatever the outcome (the page shows failures). */
  onMove: (session: ManagedSession, move: SessionMove) => Promise<void>;
}

/** Height of one minute in the grid, in pixels (an hour is 72 px). */
export const PIXELS_PER_MINUTE = 1.2;
/** Keyboard and drag moves snap to this many minutes. */
export const STEP_MINUTES = 5;

/**
 * Side-by-side lanes for sessions that overlap in one room (a double booking): each gets its lane and the number of
 * lanes of its group of overlapping sessions, so no block hides another.
 */
export function layoutLanes(
  items: readonly { id: string; start: number; end: number }[],
): Map<string, { lane: number; lanes: number }> {
  const result = new Map<string, { lane: number; lanes: number }>();
  const sorted = [...items].sort((a, b) => a.start - b.start || a.end - b.end);
  let group: string[] = [];
  let laneEnds: number[] = [];
  let groupEnd = -Infinity;
  const close = () => {
    for (const id of group) {
      const placed = result.get(id);
      if (placed) placed.lanes = laneEnds.length;
    }
    group = [];
    laneEnds = [];
  };
  for (const item of sorted) {
    if (item.start >= groupEnd) close();
    let lane = laneEnds.findIndex((end) => end <= item.start);
    if (lane === -1) {
      lane = laneEnds.length;
      laneEnds.push(item.end);
    } else laneEnds[lane] = item.end;
    result.set(item.id, { lane, lanes: 1 });
    group.push(item.id);
    groupEnd = Math.max(groupEnd, item.end);
  }
  close();
  return result;
}

interface Pending extends SessionMove {
  sessionId: string;
  saving: boolean;
}

interface Drag {
  session: ManagedSession;
  pointerId: number;
  startX: number;
  startY: number;
  moved: boolean;
  /** The last place the block was dragged to. */
  move: SessionMove | null;
}

/**
 * One day of the programme as a time grid, one column per room. A block moves by drag (pointer) or keyboard:
 * focus it, arrow up/down moves 5 minutes, left/right to the neighbouring room, Enter saves, Escape reverts.
 */
export function DayView({ day, sessions, rooms, warnings, onOpen, onMove }: DayViewProps) {
  const { t } = useOrganiserTranslation();
  const [pending, setPending] = useState<Pending | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const drag = useRef<Drag | null>(null);
  const suppressClick = useRef(false);
  /** The block to keep focused across renders (keyboard and drag moves). */
  const focusAfter = useRef<string | null>(null);
  const columnsRef = useRef<HTMLDivElement>(null);

  const hasUnassigned = sessions.some((session) => session.roomId === null) || rooms.length === 0;
  const columns: { id: string | null; name: string }[] = [
    ...rooms.map((room) => ({ id: room.id, name: room.name })),
    ...(hasUnassigned ? [{ id: null, name: t('editor.session.noRoom') }] : []),
  ];
  const roomName = (id: string | null) => columns.find((column) => column.id === id)?.name ?? '';

  // The grid's hours: 08:00–18:00 at least, widened to every session of the day.
  const placed = (session: ManagedSession): SessionMove =>
    pending && pending.sessionId === session.id
      ? pending
      : { startsLocal: session.startsLocal, endsLocal: session.endsLocal, roomId: session.roomId };
  const starts = sessions.map((session) => minuteOfDay(placed(session).startsLocal));
  const ends = sessions.map((session) => {
    const move = placed(session);
    return minuteOfDay(move.startsLocal) + minutesBetween(move.startsLocal, move.endsLocal);
  });
  const from = Math.min(8 * 60, ...starts.map((m) => Math.floor(m / 60) * 60));
  const to = Math.min(24 * 60, Math.max(18 * 60, ...ends.map((m) => Math.ceil(m / 60) * 60)));
  const hours: number[] = [];
  for (let minute = from; minute < to; minute += 60) hours.push(minute);
  const height = (to - from) * PIXELS_PER_MINUTE;

  const describeMove = (session: ManagedSession, move: SessionMove) =>
    t('editor.day.moved', {
      title: session.title,
      start: timePart(move.startsLocal),
      end: timePart(move.endsLocal),
      room: roomName(move.roomId),
    });

  const stage = (session: ManagedSession, move: SessionMove) => {
    focusAfter.current = session.id;
    setPending({ ...move, sessionId: session.id, saving: false });
    setAnnouncement(`${describeMove(session, move)} ${t('editor.day.keyboardHint')}`);
  };

  const commit = async (session: ManagedSession, move: SessionMove) => {
    const unchanged =
      move.startsLocal === session.startsLocal &&
      move.endsLocal === session.endsLocal &&
      move.roomId === session.roomId;
    if (unchanged) {
      setPending(null);
      return;
    }
    setPending({ ...move, sessionId: session.id, saving: true });
    setAnnouncement(t('editor.day.saving', { title: session.title }));
    try {
      await onMove(session, move);
    } finally {
      setPending(null);
    }
  };

  const shifted = (session: ManagedSession, minutes: number, columnDelta: number): SessionMove => {
    const current = placed(session);
    const index = Math.max(
      0,
      columns.findIndex((column) => column.id === current.roomId),
    );
    const column = columns[Math.min(columns.length - 1, Math.max(0, index + columnDelta))];
    // Stay on the day: a block does not move past midnight.
    const start = minuteOfDay(current.startsLocal) + minutes;
    const length = minutesBetween(current.startsLocal, current.endsLocal);
    const allowed = start >= 0 && start + length <= 24 * 60 ? minutes : 0;
    return {
      startsLocal: addMinutes(current.startsLocal, allowed),
      endsLocal: addMinutes(current.endsLocal, allowed),
      roomId: column ? column.id : current.roomId,
    };
  };

  const handleKeyDown = (event: KeyboardEvent<HTMLButtonElement>, session: ManagedSession) => {
    if (pending?.saving) return;
    const isPending = pending?.sessionId === session.id;
    switch (event.key) {
      case 'ArrowUp':
        stage(session, shifted(session, -STEP_MINUTES, 0));
        break;
      case 'ArrowDown':
        stage(session, shifted(session, STEP_MINUTES, 0));
        break;
      case 'ArrowLeft':
        stage(session, shifted(session, 0, -1));
        break;
      case 'ArrowRight':
        stage(session, shifted(session, 0, 1));
        break;
      case 'Enter':
        if (!isPending || !pending) return;
        void commit(session, pending);
        break;
      case 'Escape':
        if (!isPending) return;
        setPending(null);
        setAnnouncement(t('editor.day.reverted', { title: session.title }));
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  const columnAt = (clientX: number): string | null | undefined => {
    const elements = columnsRef.current?.querySelectorAll<HTMLElement>('[data-column]') ?? [];
    for (const element of Array.from(elements)) {
      const rect = element.getBoundingClientRect();
      if (clientX >= rect.left && clientX < rect.right) {
        const id = element.dataset['column'] ?? '';
        return id === '' ? null : id;
      }
    }
    return undefined;
  };

  const handlePointerDown = (event: PointerEvent<HTMLButtonElement>, session: ManagedSession) => {
    if (event.button !== 0 || pending?.saving) return;
    suppressClick.current = false;
    const current: Drag = {
      session,
      pointerId: event.pointerId,
      startX: event.clientX,
      startY: event.clientY,
      moved: false,
      move: null,
    };
    drag.current = current;
    // On the window: the block itself moves to another column (and is mounted anew) while it is dragged.
    const handleMove = (moveEvent: globalThis.PointerEvent) => {
      if (moveEvent.pointerId !== current.pointerId) return;
      const dy = moveEvent.clientY - current.startY;
      const dx = moveEvent.clientX - current.startX;
      if (!current.moved && Math.hypot(dx, dy) < 4) return;
      current.moved = true;
      const first = minuteOfDay(session.startsLocal);
      const length = minutesBetween(session.startsLocal, session.endsLocal);
      // Snapped to 5 minutes and kept on the day.
      const minutes = Math.max(
        -first,
        Math.min(snap(dy / PIXELS_PER_MINUTE, STEP_MINUTES), 24 * 60 - length - first),
      );
      const column = columnAt(moveEvent.clientX);
      current.move = {
        startsLocal: addMinutes(session.startsLocal, minutes),
        endsLocal: addMinutes(session.endsLocal, minutes),
        roomId: column === undefined ? session.roomId : column,
      };
      stage(session, current.move);
    };
    const stop = () => {
      window.removeEventListener('pointermove', handleMove);
      window.removeEventListener('pointerup', handleUp);
      window.removeEventListener('pointercancel', handleCancel);
      drag.current = null;
    };
    const handleUp = (upEvent: globalThis.PointerEvent) => {
      if (upEvent.pointerId !== current.pointerId) return;
      stop();
      if (!current.moved || !current.move) return;
      // The click that follows a drag does not open the form.
      suppressClick.current = true;
      window.setTimeout(() => {
        suppressClick.current = false;
      }, 0);
      focusAfter.current = session.id;
      void commit(session, current.move);
    };
    const handleCancel = () => {
      stop();
      if (current.moved) setPending(null);
    };
    window.addEventListener('pointermove', handleMove);
    window.addEventListener('pointerup', handleUp);
    window.addEventListener('pointercancel', handleCancel);
  };

  // A block that changed column is mounted anew: give the focus back to it.
  useLayoutEffect(() => {
    const id = focusAfter.current;
    // Only when the focus was lost with the old block (it went back to the body), never taken from elsewhere.
    if (!id || (document.activeElement && document.activeElement !== document.body)) return;
    const block = columnsRef.current?.querySelector<HTMLElement>(`[data-session-id="${id}"]`);
    block?.focus();
  });

  const warned = new Set(warnings.flatMap((warning) => warning.sessionIds));

  // The block's name is its visible text (title, time) plus the room, so speech input can say what it sees.
  const renderBlock = (
    session: ManagedSession,
    room: string,
    { lane, lanes }: { lane: number; lanes: number },
  ) => {
    const move = placed(session);
    const start = minuteOfDay(move.startsLocal);
    const length = minutesBetween(move.startsLocal, move.endsLocal);
    const isPending = pending?.sessionId === session.id;
    const classes = [
      'pe-block',
      `pe-block--${session.kind}`,
      session.cancelled ? 'pe-block--cancelled' : '',
      isPending ? 'pe-block--moving' : '',
      warned.has(session.id) ? 'pe-block--warned' : '',
    ]
      .filter(Boolean)
      .join(' ');
    return (
      <button
        type="button"
        className={classes}
        data-session-id={session.id}
        style={{
          top: (start - from) * PIXELS_PER_MINUTE,
          height: Math.max(length * PIXELS_PER_MINUTE, 28),
          left: `calc(${(lane / lanes) * 100}% + 0.25rem)`,
          width: `calc(${100 / lanes}% - 0.5rem)`,
        }}
        aria-describedby={`pe-day-hint-${day}`}
        onClick={() => {
          if (suppressClick.current) {
            suppressClick.current = false;
            return;
          }
          if (!isPending) onOpen(session);
        }}
        onKeyDown={(event) => handleKeyDown(event, session)}
        onFocus={() => {
          focusAfter.current = session.id;
        }}
        onPointerDown={(event) => handlePointerDown(event, session)}
      >
        <span className="pe-block__title">{session.title}</span>
        <span className="pl-visually-hidden">, </span>
        <span className="pe-block__time">
          {timePart(move.startsLocal)}–{timePart(move.endsLocal)}
        </span>
        <span className="pl-visually-hidden">, {room}</span>
        {session.cancelled && (
          <span className="pe-block__flag">
            <span className="pl-visually-hidden">, </span>
            {t('editor.list.cancelled')}
          </span>
        )}
        {warned.has(session.id) && (
          <span className="pe-block__flag pe-block__flag--warning">
            <span className="pl-visually-hidden">, </span>
            {t('editor.list.warning')}
          </span>
        )}
      </button>
    );
  };

  return (
    <div className="pe-day">
      <p className="pe-muted pe-day__hint" id={`pe-day-hint-${day}`}>
        {t('editor.day.hint')}
      </p>
      <div className="pe-day__scroll">
        <div
          className="pe-day__grid"
          style={{ gridTemplateColumns: `3.5rem repeat(${columns.length}, minmax(10rem, 1fr))` }}
        >
          <div className="pe-day__corner" aria-hidden="true" />
          {columns.map((column) => (
            <div key={column.id ?? 'none'} className="pe-day__room">
              {column.name}
            </div>
          ))}
          <div className="pe-day__hours" style={{ height }} aria-hidden="true">
            {hours.map((minute) => (
              <span
                key={minute}
                className="pe-day__hour"
                style={{ top: (minute - from) * PIXELS_PER_MINUTE }}
              >
                {formatMinuteOfDay(minute)}
              </span>
            ))}
          </div>
          <div
            className="pe-day__columns"
            ref={columnsRef}
            style={{ gridColumn: `2 / span ${columns.length}` }}
          >
            {columns.map((column) => {
              const inColumn = sessions.filter((session) => placed(session).roomId === column.id);
              const lanes = layoutLanes(
                inColumn.map((session) => {
                  const move = placed(session);
                  const start = minuteOfDay(move.startsLocal);
                  return {
                    id: session.id,
                    start,
                    end: start + minutesBetween(move.startsLocal, move.endsLocal),
                  };
                }),
              );
              return (
                <div
                  key={column.id ?? 'none'}
                  className="pe-day__column"
                  data-column={column.id ?? ''}
                  style={{ height }}
                  role="list"
                  aria-label={column.name}
                >
                  {hours.map((minute) => (
                    <span
                      key={minute}
                      className="pe-day__line"
                      style={{ top: (minute - from) * PIXELS_PER_MINUTE }}
                      aria-hidden="true"
                    />
                  ))}
                  {inColumn.map((session) => (
                    <div key={session.id} role="listitem">
                      {renderBlock(session, column.name, lanes.get(session.id) ?? { lane: 0, lanes: 1 })}
                    </div>
                  ))}
                </div>
              );
            })}
          </div>
        </div>
      </div>
      <p className="pl-visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}
