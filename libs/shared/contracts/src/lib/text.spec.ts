import { questionAskSchema } from './engagement';
import { hasVisibleCharacter, humanText, personNameSchema } from './text';

const issues = (value: unknown) => {
  const result = personNameSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
};

describe('the name rule', () => {
  it.each([
    ['only spaces', '   '],
    ['a tab and a newline', '\t\n'],
    ['zero-width spaces', '\u200B\u200B\u200B'],
    ['spaces and U+200B', ' \u200B \u200B '],
    ['ZWNJ and ZWJ', '\u200C\u200D'],
    ['word joiner', '\u2060'],
    ['byte order mark', '\uFEFF'],
    ['soft hyphen', '\u00AD\u00AD'],
    ['no-break and ideographic spaces', '\u00A0\u3000\u2007'],
    ['line and paragraph separators', '\u2028\u2029'],
    ['bidirectional controls', '\u202E\u2066\u2069'],
    ['Mongolian vowel separator', '\u180E'],
    ['Hangul fillers', '\u3164\u115F\uFFA0'],
    ['the blank Braille pattern', '\u2800\u2800'],
    ['a combining mark alone', '\u0301'],
    ['variation selectors', '\uFE0F\uFE0E'],
    ['tag characters', '\u{E0041}\u{E0042}'],
    ['C1 controls', '\u0085\u009F'],
    ['an empty string', ''],
  ])('refuses %s', (_label, value) => {
    expect(hasVisibleCharacter(value)).toBe(false);
    expect(issues(value).length).toBeGreaterThan(0);
  });

  it.each([
    ['a plain name', 'Ada Lovelace', 'Ada Lovelace'],
    [
      'surrounding spaces and zero-width characters',
      ' \u200B Ada\u00A0Lovelace \uFEFF\u200D ',
      'Ada\u00A0Lovelace',
    ],
    ['a decomposed accent (to NFC)', 'Jose\u0301', 'José'],
    ['a Persian name with a ZWNJ inside', 'می\u200Cخواهم', 'می\u200Cخواهم'],
    ['an emoji with a variation selector', 'Ada \u2764\uFE0F', 'Ada \u2764\uFE0F'],
    ['a single letter', '李', '李'],
    ['digits', '42', '42'],
    ['punctuation', '—', '—'],
  ])('accepts %s', (_label, value, stored) => {
    expect(personNameSchema.parse(value)).toBe(stored);
  });

  it('says why', () => {
    expect(issues('   ')).toEqual(['is required']);
    expect(issues('\u3164')).toEqual(['must contain a visible character']);
    expect(issues('Ada\u0000Lovelace')).toEqual(['must not contain control characters']);
    expect(issues('Ada\nLovelace')).toEqual(['must not contain control characters']);
    expect(issues('Ada\u0000')).toEqual(['must not contain control characters']);
    expect(issues('x'.repeat(201))).toEqual(['must be at most 200 characters']);
    expect(issues(42)).toHaveLength(1);
  });

  it('measures after normalising', () => {
    expect(humanText(3).parse('\u200B\u200Babc\u200B')).toBe('abc');
    expect(humanText(1).parse('e\u0301')).toBe('é');
  });

  it('also holds for live questions', () => {
    const base = {
      clientId: '7d0d6a3b-2a8e-4f55-9b3c-1f2e3d4c5b6a',
      sessionId: '5e0c2021-0000-4000-8000-000000000201',
    };
    expect(questionAskSchema.safeParse({ ...base, text: '\u00AD\u00AD\u00AD\u3164' }).success).toBe(false);
    expect(questionAskSchema.safeParse({ ...base, text: 'Why?' }).success).toBe(true);
  });
});
