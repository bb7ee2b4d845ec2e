import type { QuestionView } from '@plenary/contracts';
import { queueCounts, queueItems, shortcutFor } from './moderation-queue-model';
import { actionsFor } from './moderation-queue';

function question(id: string, overrides: Partial<QuestionView>): QuestionView {
  return {
    id,
    sessionId: 's',
    text: id,
    askerName: null,
    anonymous: false,
    source: 'remote',
    status: 'approved',
    votes: 0,
    highlighted: false,
    mine: false,
    createdAt: '2021-10-19T12:00:00.000Z',
    editedByModerator: false,
    ...overrides,
  };
}

const QUESTIONS = [
  question('old-popular', { votes: 5, createdAt: '2021-10-19T12:01:00.000Z' }),
  question('new-quiet', { votes: 1, createdAt: '2021-10-19T12:05:00.000Z', source: 'room' }),
  question('highlighted', { votes: 0, highlighted: true, createdAt: '2021-10-19T12:03:00.000Z' }),
  question('floor', { votes: 2, source: 'floor', createdAt: '2021-10-19T12:04:00.000Z' }),
  question('waiting', { status: 'pending' }),
  question('rejected', { status: 'rejected' }),
  question('archived', { status: 'archived' }),
  question('gone', { status: 'withdrawn' }),
];

describe('moderation queues', () => {
  it('counts each queue; rejected go with the archived, withdrawn nowhere', () => {
    expect(queueCounts(QUESTIONS)).toEqual({ pending: 1, approved: 4, answered: 0, archived: 2 });
  });

  it('sorts by votes or time, the highlighted question first, and filters by source', () => {
    const ids = (sort: 'votes' | 'newest' | 'oldest', source: 'all' | 'room' | 'floor' = 'all') =>
      queueItems(QUESTIONS, 'approved', sort, source).map((q) => q.id);
    expect(ids('votes')).toEqual(['highlighted', 'old-popular', 'floor', 'new-quiet']);
    expect(ids('newest')).toEqual(['highlighted', 'new-quiet', 'floor', 'old-popular']);
    expect(ids('oldest')).toEqual(['highlighted', 'old-popular', 'floor', 'new-quiet']);
    expect(ids('votes', 'floor')).toEqual(['floor']);
  });

  it('offers the actions a question’s state allows', () => {
    expect(actionsFor(question('p', { status: 'pending' }))).toEqual(['approve', 'reject', 'highlight']);
    expect(actionsFor(question('h', { highlighted: true }))).toContain('unhighlight');
    expect(actionsFor(question('r', { status: 'rejected' }))).toEqual(['approve']);
  });

  it('reads shortcuts only outside text fields and without modifiers', () => {
    const press = (key: string, target: EventTarget = document.body, init: KeyboardEventInit = {}) => {
      const event = new KeyboardEvent('keydown', { key, bubbles: true, ...init });
      Object.defineProperty(event, 'target', { value: target });
      return shortcutFor(event);
    };
    expect(press('j')).toBe('next');
    expect(press('A')).toBe('approve');
    expect(press('h')).toBe('highlight');
    expect(press('q')).toBeNull();
    expect(press('a', document.createElement('textarea'))).toBeNull();
    expect(press('a', document.body, { ctrlKey: true })).toBeNull();
  });
});
