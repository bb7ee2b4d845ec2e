import type { QuestionSource, QuestionStatus, QuestionView } from '@plenary/contracts';
import { byVotesThenTime } from './question-parts';

export const QUEUE_TABS = ['pending', 'approved', 'answered', 'archived'] as const;
export type QueueTab = (typeof QUEUE_TABS)[number];

export type QueueSort = 'votes' | 'newest' | 'oldest';
export type SourceFilter = QuestionSource | 'all';

/** The queue a question is in: rejected ones go with the archived; withdrawn ones are gone. */
export function queueOf(status: QuestionStatus): QueueTab | null {
  switch (status) {
    case 'pending':
    case 'approved':
    case 'answered':
      return status;
    case 'rejected':
    case 'archived':
      return 'archived';
    case 'withdrawn':
      return null;
  }
}

/** How many questions each queue holds (before the source filter). */
export function queueCounts(questions: readonly QuestionView[]): Record<QueueTab, number> {
  const counts: Record<QueueTab, number> = { pending: 0, approved: 0, answered: 0, archived: 0 };
  for (const question of questions) {
    const queue = queueOf(question.status);
    if (queue) counts[queue] += 1;
  }
  return counts;
}

/** The questions of one queue from one source, sorted; in the approved queue the highlighted one comes first. */
export function queueItems(
  questions: readonly QuestionView[],
  tab: QueueTab,
  sort: QueueSort,
  source: SourceFilter,
): QuestionView[] {
  const items = questions.filter(
    (question) => queueOf(question.status) === tab && (source === 'all' || question.source === source),
  );
  const compare =
    sort === 'votes'
      ? byVotesThenTime
      : sort === 'newest'
        ? (a: QuestionView, b: QuestionView) => b.createdAt.localeCompare(a.createdAt)
        : (a: QuestionView, b: QuestionView) => a.createdAt.localeCompare(b.createdAt);
  return items.sort((a, b) => Number(b.highlighted) - Number(a.highlighted) || compare(a, b));
}

/** The moderation shortcuts, by key. */
export const SHORTCUT_KEYS = {
  j: 'next',
  k: 'previous',
  a: 'approve',
  r: 'reject',
  h: 'highlight',
  d: 'answer',
  x: 'archive',
  e: 'edit',
} as const;
export type ShortcutCommand = (typeof SHORTCUT_KEYS)[keyof typeof SHORTCUT_KEYS];

/** Whether a key press is meant for a shortcut: no modifier, and not typed into a field. */
export function shortcutFor(event: KeyboardEvent): ShortcutCommand | null {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return null;
  const target = event.target;
  if (target instanceof HTMLElement) {
    if (target.isContentEditable) return null;
    if (target.closest('input, textarea, select')) return null;
  }
  const key = event.key.toLowerCase();
  return Object.hasOwn(SHORTCUT_KEYS, key) ? SHORTCUT_KEYS[key as keyof typeof SHORTCUT_KEYS] : null;
}
