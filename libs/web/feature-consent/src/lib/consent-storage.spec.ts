import {
  CONSENT_STORAGE_KEY,
  isCategoryAllowed,
  parseConsentDecision,
  readConsentDecision,
  writeConsentDecision,
} from './consent-storage';

describe('consent storage', () => {
  beforeEach(() => localStorage.clear());

  it('keeps a decision under a versioned key, with the time it was made', () => {
    const decision = { choice: { embeds: true }, decidedAt: '2021-10-19T08:30:00.000Z' };

    expect(writeConsentDecision(localStorage, decision)).toBe(true);

    expect(CONSENT_STORAGE_KEY).toBe('plenary.consent.v1');
    expect(JSON.parse(localStorage.getItem(CONSENT_STORAGE_KEY) ?? '')).toEqual(decision);
    expect(readConsentDecision(localStorage)).toEqual(decision);
  });

  it.each([
    ['nothing stored', null],
    ['not JSON', '{oops'],
    ['no choice', '{"decidedAt":"2021-10-19T08:30:00Z"}'],
    ['a non-boolean flag', '{"choice":{"embeds":"yes"},"decidedAt":"2021-10-19T08:30:00Z"}'],
    ['no valid time', '{"choice":{"embeds":true},"decidedAt":"whenever"}'],
  ])('treats %s as no decision, so the person is asked', (_case, raw) => {
    expect(parseConsentDecision(raw)).toBeNull();
  });

  it('reads no decision and stores nothing when storage is unavailable or refuses', () => {
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    } as unknown as Storage;

    expect(readConsentDecision(undefined)).toBeNull();
    expect(readConsentDecision(refusing)).toBeNull();
    expect(writeConsentDecision(refusing, { choice: { embeds: true }, decidedAt: 'x' })).toBe(false);
  });

  it('always allows the necessary category and embeds only when chosen', () => {
    expect(isCategoryAllowed({ embeds: false }, 'necessary')).toBe(true);
    expect(isCategoryAllowed({ embeds: false }, 'embeds')).toBe(false);
    expect(isCategoryAllowed({ embeds: true }, 'embeds')).toBe(true);
  });
});
