import type { QuestionStatus, QuestionView } from '@plenary/contracts';
import { Badge } from '@plenary/web-ui';
import type { BadgeTone } from '@plenary/web-ui';
import { useLiveTranslation } from './live-i18n';

/** A question's text, as text (line breaks kept by CSS), never as HTML. */
export function QuestionText({ text, className, id }: { text: string; className?: string; id?: string }) {
  return (
    <p id={id} className={className ?? 'lv-question__text'}>
      {text}
    </p>
  );
}

/** Who asked: the name when the server sends one, else "Anonymous" or "From the floor". */
export function useAskerLabel(): (question: QuestionView) => string {
  const { t } = useLiveTranslation();
  return (question) => {
    if (question.askerName) return question.askerName;
    return question.source === 'floor' ? t('question.floor') : t('question.anonymous');
  };
}

function statusTone(status: QuestionStatus): BadgeTone {
  switch (status) {
    case 'pending':
      return 'accent';
    case 'approved':
      return 'navy';
    case 'answered':
      return 'muted';
    case 'rejected':
    case 'archived':
    case 'withdrawn':
      return 'neutral';
  }
}

export function QuestionStatusBadge({ status }: { status: QuestionStatus }) {
  const { t } = useLiveTranslation();
  return <Badge tone={statusTone(status)}>{t(`question.status.${status}`)}</Badge>;
}

/** Most votes first; on a tie, the question asked first. */
export function byVotesThenTime(a: QuestionView, b: QuestionView): number {
  return b.votes - a.votes || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
}

/** Questions everyone may see: approved (incl. highlighted) and answered. */
export function isPublicQuestion(question: QuestionView): boolean {
  return question.status === 'approved' || question.status === 'answered';
}
