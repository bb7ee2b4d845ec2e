import type { EventDetail } from '@plenary/contracts';
import { screen, waitFor } from '@testing-library/react';
import { mockApi, renderRoute } from '../testing/render-route';
import { VMC_EVENT, VMC_SESSIONS } from '../testing/vmc2021.fixture';
import { serializeJsonLd, toOffsetDateTime } from './json-ld';

type Json = Record<string, unknown> & { location: unknown; performer: Array<Record<string, unknown>> };

/** The page's JSON-LD, parsed as a search engine would. */
function readJsonLd(): Json {
  const scripts = document.querySelectorAll('script[type="application/ld+json"]');
  expect(scripts).toHaveLength(1);
  return JSON.parse(scripts[0]?.textContent ?? '') as Json;
}

const SESSION = VMC_SESSIONS.afghanistan;

describe('schema.org JSON-LD', () => {
  afterEach(() => jest.restoreAllMocks());

  it('describes the event: dates with offsets, hybrid attendance, place and virtual location, organiser, performers', async () => {
    mockApi({ '/api/events/vmc2021': { body: VMC_EVENT } });
    renderRoute('/e/vmc2021');
    await screen.findByRole('heading', { level: 1 });
    const data = readJsonLd();
    expect(data).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Event',
      name: VMC_EVENT.name,
      url: 'http://localhost/e/vmc2021',
      startDate: '2021-10-19T09:30:00+02:00',
      eventAttendanceMode: 'https://schema.org/MixedEventAttendanceMode',
      eventStatus: 'https://schema.org/EventScheduled',
      organizer: { '@type': 'Organization', name: 'ICMPD', url: 'https://www.icmpd.org' },
    });
    expect(String(data['endDate'])).toMatch(/^2021-10-20T\d{2}:\d{2}:00\+02:00$/);
    expect(data.location).toEqual([
      expect.objectContaining({
        '@type': 'Place',
        name: VMC_EVENT.venue.name,
        address: expect.objectContaining({ '@type': 'PostalAddress', addressLocality: VMC_EVENT.venue.city }),
      }),
      { '@type': 'VirtualLocation', url: 'http://localhost/e/vmc2021' },
    ]);
    expect(data.performer.length).toBe(VMC_EVENT.speakers.length);
    expect(data.performer).toContainEqual(
      expect.objectContaining({ '@type': 'Person', jobTitle: expect.any(String) as unknown }),
    );
  });

  it('describes a session, cancelled or not, with its performers and their affiliation', async () => {
    const cancelled = { ...SESSION, cancelled: true };
    mockApi({
      '/api/events/vmc2021': { body: VMC_EVENT },
      [`/api/events/vmc2021/sessions/${SESSION.id}`]: { body: cancelled },
    });
    renderRoute(`/e/vmc2021/sessions/${SESSION.id}`);
    await screen.findByRole('heading', { level: 1, name: SESSION.title });
    // The page first shows the copy of the event's programme, then the session as fetched.
    await waitFor(() => expect(readJsonLd()['eventStatus']).toBe('https://schema.org/EventCancelled'));
    const data = readJsonLd();
    expect(data).toMatchObject({
      '@type': 'Event',
      name: SESSION.title,
      startDate: '2021-10-19T09:30:00+02:00',
      endDate: '2021-10-19T10:30:00+02:00',
      eventStatus: 'https://schema.org/EventCancelled',
      url: `http://localhost/e/vmc2021/sessions/${SESSION.id}`,
      superEvent: { '@type': 'Event', name: VMC_EVENT.name, url: 'http://localhost/e/vmc2021' },
    });
    const first = SESSION.speakers[0]?.speaker;
    expect(data.performer[0]).toEqual({
      '@type': 'Person',
      name: [first?.honorific, first?.name].filter(Boolean).join(' '),
      jobTitle: first?.title,
      ...(first?.organisation ? { affiliation: { '@type': 'Organization', name: first.organisation } } : {}),
    });
  });

  it('uses online and in-person modes, and the logo as image', async () => {
    const online: EventDetail = { ...VMC_EVENT, format: 'online', logoUrl: '/media/logo.png' };
    mockApi({ '/api/events/vmc2021': { body: online } });
    renderRoute('/e/vmc2021');
    await screen.findByRole('heading', { level: 1 });
    const data = readJsonLd();
    expect(data['eventAttendanceMode']).toBe('https://schema.org/OnlineEventAttendanceMode');
    expect(data.location).toEqual({ '@type': 'VirtualLocation', url: 'http://localhost/e/vmc2021' });
    expect(data['image']).toBe('http://localhost/media/logo.png');
  });

  it('cannot be broken out of: </script> in a title stays inside the JSON', async () => {
    const hostile: EventDetail = {
      ...VMC_EVENT,
      name: 'Evil </script><script>window.pwned = 1</script> & <!-- co',
    };
    mockApi({ '/api/events/vmc2021': { body: hostile } });
    renderRoute('/e/vmc2021');
    await screen.findByRole('heading', { level: 1 });
    const script = document.querySelector('script[type="application/ld+json"]');
    expect(script?.innerHTML).not.toContain('</script');
    expect(script?.innerHTML).not.toContain('<');
    expect(readJsonLd()['name']).toBe(hostile.name);
    expect(document.querySelectorAll('script')).toHaveLength(1);
    expect(serializeJsonLd({ a: '\u2028</script>' })).toBe('{"a":"\\u2028\\u003c/script\\u003e"}');
  });

  it('gives offsets across the end of summer time', () => {
    expect(toOffsetDateTime('2022-10-29T07:30:00Z', 'Europe/Vienna')).toBe('2022-10-29T09:30:00+02:00');
    expect(toOffsetDateTime('2022-10-31T08:30:00Z', 'Europe/Vienna')).toBe('2022-10-31T09:30:00+01:00');
    expect(toOffsetDateTime('2022-10-31T08:30:00Z', 'UTC')).toBe('2022-10-31T08:30:00+00:00');
  });
});
