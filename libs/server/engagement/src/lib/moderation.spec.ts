import { QUESTION_STATUSES, type ModerationAction } from '@plenary/contracts';
import { isAppException } from '@plenary/server-core';
import { planModeration, type QuestionState } from './moderation';

/** The error code `planModeration` throws, or null when it does not throw. */
function refusal(state: QuestionState, action: ModerationAction): string | null {
  try {
    planModeration(state, action);
    return null;
  } catch (error) {
    return isAppException(error) ? error.code : 'not an AppException';
  }
}

describe(planModeration.name, () => {
  it('approves, highlights and answers a pending question in turn', () => {
    const approved = planModeration({ status: 'pending', highlighted: false }, 'approve');
    expect(approved).toEqual({ status: 'approved', highlighted: false });
    const highlighted = approved && planModeration(approved, 'highlight');
    expect(highlighted).toEqual({ status: 'approved', highlighted: true });
    expect(highlighted && planModeration(highlighted, 'answer')).toEqual({
      status: 'answered',
      highlighted: false,
    });
  });

  it('treats repeating an action as a no-op', () => {
    expect(planModeration({ status: 'approved', highlighted: false }, 'approve')).toBeNull();
    expect(planModeration({ status: 'approved', highlighted: true }, 'highlight')).toBeNull();
    expect(planModeration({ status: 'approved', highlighted: false }, 'unhighlight')).toBeNull();
    expect(planModeration({ status: 'archived', highlighted: false }, 'archive')).toBeNull();
  });

  it('drops the highlight when a question leaves the approved state', () => {
    for (const action of ['reject', 'archive', 'answer'] as const) {
      expect(planModeration({ status: 'approved', highlighted: true }, action)?.highlighted).toBe(false);
    }
  });

  it('refuses to touch withdrawn questions and to answer unapproved ones', () => {
    const actions: ModerationAction[] = ['approve', 'reject', 'highlight', 'answer', 'archive'];
    for (const action of actions) {
      expect(refusal({ status: 'withdrawn', highlighted: false }, action)).toBe(
        'engagement/invalid-transition',
      );
    }
    expect(refusal({ status: 'pending', highlighted: false }, 'answer')).toBe(
      'engagement/invalid-transition',
    );
  });

  it('only ever highlights an approved question', () => {
    for (const status of QUESTION_STATUSES.filter((s) => s !== 'withdrawn')) {
      expect(planModeration({ status, highlighted: false }, 'highlight')).toEqual({
        status: 'approved',
        highlighted: true,
      });
    }
  });
});
