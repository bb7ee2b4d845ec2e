import { cleanText, pollVoteSchema, questionAskSchema } from './engagement';

describe(cleanText.name, () => {
  it('strips control characters, bidirectional overrides and zero-width marks, keeps newlines and tabs', () => {
    expect(cleanText('  a\u0000b\u202Ec\u200Bd\u2066e\r\nf\tg  ')).toBe('abcde\nf\tg');
  });

  it('normalises to NFC', () => {
    expect(cleanText('e\u0301')).toBe('\u00e9');
  });
});

describe('engagement payloads', () => {
  const base = {
    clientId: '7d0d6a3b-2a8e-4f55-9b3c-1f2e3d4c5b6a',
    sessionId: '5e0c2021-0000-4000-8000-000000000201',
  };

  it('measures a question after cleaning it, and keeps markup as text', () => {
    expect(questionAskSchema.safeParse({ ...base, text: '\u200B\u200B a \u0000' }).success).toBe(false);
    const parsed = questionAskSchema.parse({ ...base, text: '<script>alert(1)</script>' });
    expect(parsed).toEqual({
      ...base,
      text: '<script>alert(1)</script>',
      anonymous: false,
      source: 'remote',
    });
    expect(questionAskSchema.safeParse({ ...base, text: 'x'.repeat(501) }).success).toBe(false);
  });

  it('refuses repeated or unknown-looking option ids', () => {
    const pollId = base.clientId;
    expect(pollVoteSchema.safeParse({ pollId, optionIds: ['o1', 'o1'] }).success).toBe(false);
    expect(pollVoteSchema.safeParse({ pollId, optionIds: ['o11'] }).success).toBe(false);
    expect(pollVoteSchema.safeParse({ pollId, optionIds: ['__proto__'] }).success).toBe(false);
    expect(pollVoteSchema.parse({ pollId, optionIds: ['o10', 'o2'] }).optionIds).toEqual(['o10', 'o2']);
  });
});
