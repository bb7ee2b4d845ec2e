import type { ModerationAction, QuestionStatus } from '@plenary/contracts';
import { EngagementException } from './engagement.exception';

export interface QuestionState {
  status: QuestionStatus;
  highlighted: boolean;
}

/**
 * What a moderation action does to a question: the new state, or null when it is already there (acting twice is
 * harmless). Throws `engagement/invalid-transition` when the action does not apply (withdrawn questions are final;
 * only approved questions can be marked answered).
 */
export function planModeration(current: QuestionState, action: ModerationAction): QuestionState | null {
  const { status, highlighted } = current;
  if (status === 'withdrawn' && action !== 'unhighlight')
    throw EngagementException.invalidTransition(status, action);
  switch (action) {
    case 'approve':
      return status === 'approved' ? null : { status: 'approved', highlighted };
    case 'reject':
      return status === 'rejected' ? null : { status: 'rejected', highlighted: false };
    case 'highlight':
      return status === 'approved' && highlighted ? null : { status: 'approved', highlighted: true };
    case 'unhighlight':
      return highlighted ? { status, highlighted: false } : null;
    case 'answer':
      if (status === 'answered') return null;
      if (status !== 'approved') throw EngagementException.invalidTransition(status, action);
      return { status: 'answered', highlighted: false };
    case 'archive':
      return status === 'archived' ? null : { status: 'archived', highlighted: false };
  }
}
