import type { Session, SessionChange } from '@plenary/contracts';
import { render } from '@testing-library/react';
import { createInstance } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { PROGRAMME_NAMESPACE, programmeResources } from './programme-i18n';
import { SessionChangeNotice } from './session-change-notice';

const i18n = createInstance({
  lng: 'en',
  fallbackLng: 'en',
  ns: [PROGRAMME_NAMESPACE],
  defaultNS: PROGRAMME_NAMESPACE,
  resources: { en: { [PROGRAMME_NAMESPACE]: programmeResources.en } },
  interpolation: { escapeValue: false },
  initAsync: false,
});
void i18n.init();

const change: SessionChange = {
  previousStartsAt: '2021-10-19T07:30:00Z',
  previousStartsLocal: '2021-10-19T09:30',
  previousRoom: 'Plenary hall',
  previousRoomId: '9c1d2e3f-4a5b-4c6d-8e7f-0000000000aa',
  timeChanged: true,
  roomChanged: false,
  changedAt: '2021-10-18T10:00:00Z',
};
const session: Pick<Session, 'startsAt' | 'day' | 'change'> = {
  startsAt: '2021-10-19T09:00:00Z',
  day: '2021-10-19',
  change,
};

function text(props: Partial<typeof session>, now: string): string | null {
  const { container } = render(
    <I18nextProvider i18n={i18n}>
      <SessionChangeNotice
        session={{ ...session, ...props }}
        eventTimeZone="Europe/Vienna"
        now={Date.parse(now)}
      />
    </I18nextProvider>,
  );
  return container.textContent || null;
}

describe('SessionChangeNotice', () => {
  it('says what a moved session was, in the event’s time zone', () => {
    expect(text({}, '2021-10-18T12:00:00Z')).toBe('Changed: was 09:30');
    expect(text({ change: { ...change, roomChanged: true } }, '2021-10-18T12:00:00Z')).toBe(
      'Changed: was 09:30, Plenary hall',
    );
    expect(
      text(
        { change: { ...change, timeChanged: false, roomChanged: true, previousRoom: null } },
        '2021-10-18T12:00:00Z',
      ),
    ).toBe('Changed: was no room');
  });

  it('names the previous day when the session moved to another day', () => {
    expect(text({ startsAt: '2021-10-20T09:00:00Z', day: '2021-10-20' }, '2021-10-18T12:00:00Z')).toBe(
      'Changed: was Tue 19 Oct, 09:30',
    );
  });

  it('shows nothing 24 hours after the move, once the session started, or without a change', () => {
    expect(text({}, '2021-10-19T10:00:01Z')).toBeNull(); // after the start
    expect(text({ startsAt: '2021-10-25T09:00:00Z', day: '2021-10-25' }, '2021-10-19T10:00:01Z')).toBeNull(); // > 24 h
    expect(text({ change: null }, '2021-10-18T12:00:00Z')).toBeNull();
  });
});
