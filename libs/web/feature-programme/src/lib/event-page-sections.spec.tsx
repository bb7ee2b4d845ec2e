import type { EventDetail, EventSummary } from '@plenary/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderRoute } from '../testing/render-route';
import { VMC_EVENT, VMC_EVENT_LIST } from '../testing/vmc2021.fixture';
import { splitByDate } from './event-list-page';

const WITH_SECTIONS: EventDetail = {
  ...VMC_EVENT,
  contactAddress: 'ICMPD\nGonzagagasse 1\n1010 Vienna',
  partners: [
    {
      name: 'Austrian Development Agency',
      url: 'https://ada.example',
      logoUrl: 'https://ada.example/logo.png',
      tier: 'supporter',
    },
    { name: 'City of Vienna', url: null, logoUrl: null, tier: 'partner' },
  ],
  blocks: [
    {
      title: 'Inclusion statement',
      body: 'We welcome **everyone**. <script>alert(1)</script> [bad](javascript:alert(1))',
      // What the server renders: raw HTML escaped, the javascript: link left as text.
      bodyHtml:
        '<p>We welcome <strong>everyone</strong>. &lt;script&gt;alert(1)&lt;/script&gt; [bad](javascript:alert(1))</p>\n',
    },
  ],
};

interface Answer {
  status?: number;
  body: unknown;
}

/** A fake API by method and path; records what was sent. */
function fakeApi(routes: Record<string, Answer | (() => Answer)>) {
  const sent: Array<{ method: string; path: string; body: unknown }> = [];
  jest.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const path = url.split('?')[0] ?? '';
    const method = init?.method ?? 'GET';
    sent.push({
      method,
      path,
      body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
    });
    const route = routes[`${method} ${path}`];
    const answer = typeof route === 'function' ? route() : route;
    return new Response(
      JSON.stringify(
        answer?.body ?? { error: { code: 'core/not-found', message: 'No route', requestId: 'test-404' } },
      ),
      { status: answer ? (answer.status ?? 200) : 404, headers: { 'content-type': 'application/json' } },
    );
  });
  return sent;
}

const TOKEN = { token: '1700000000.abc', minFillSeconds: 3 };

function fillContactForm() {
  fireEvent.change(screen.getByLabelText('Your name'), { target: { value: 'Grace Hopper' } });
  fireEvent.change(screen.getByLabelText(/^Your e-mail address/), { target: { value: 'grace@example.org' } });
  fireEvent.change(screen.getByLabelText(/^Your message/), {
    target: { value: 'Is there step-free access?' },
  });
}

describe('Event page sections', () => {
  afterEach(() => jest.restoreAllMocks());

  it('shows text blocks inert, partners with their logos and the contact address', async () => {
    fakeApi({
      'GET /api/events/vmc2021': { body: WITH_SECTIONS },
      'GET /api/events/vmc2021/contact/token': { body: TOKEN },
    });

    renderRoute('/e/vmc2021');

    const block = (await screen.findByRole('heading', { level: 2, name: 'Inclusion statement' })).closest(
      'section',
    );
    if (!block) throw new Error('no block');
    expect(within(block).getByText('everyone').tagName).toBe('STRONG');
    expect(block.querySelector('script')).toBeNull();
    expect(block.querySelector('a')).toBeNull();
    expect(within(block).getByText(/<script>alert\(1\)<\/script>/)).toBeTruthy();

    const partners = screen.getByRole('region', { name: 'Made possible with the support of' });
    expect(
      within(partners)
        .getByRole('img', { name: 'Austrian Development Agency' })
        .closest('a')
        ?.getAttribute('href'),
    ).toBe('https://ada.example');
    expect(within(partners).getByText('City of Vienna')).toBeTruthy();

    const contact = screen.getByRole('region', { name: 'Contact' });
    expect(within(contact).getByRole('link', { name: 'vmc@example.org' }).getAttribute('href')).toBe(
      'mailto:vmc@example.org',
    );
    expect(within(contact).getByText(/Gonzagagasse 1/)).toBeTruthy();
  });

  it('sends the contact form with its token and an empty honeypot, then confirms', async () => {
    const sent = fakeApi({
      'GET /api/events/vmc2021': { body: WITH_SECTIONS },
      'GET /api/events/vmc2021/contact/token': { body: TOKEN },
      'POST /api/events/vmc2021/contact': { status: 202, body: { accepted: true } },
    });
    renderRoute('/e/vmc2021');
    const send = await screen.findByRole('button', { name: 'Send message' }, { timeout: 5000 });

    fireEvent.click(send);
    expect(await screen.findByText('Enter your name.')).toBeTruthy();
    expect(screen.getByText('Enter an e-mail address such as name@example.org.')).toBeTruthy();
    expect(document.activeElement?.id).toBe('contact-name');
    expect(sent.filter((request) => request.method === 'POST')).toHaveLength(0);

    fillContactForm();
    fireEvent.click(send);

    expect(await screen.findByRole('heading', { name: 'Message sent' })).toBeTruthy();
    expect(sent.find((request) => request.method === 'POST')?.body).toEqual({
      name: 'Grace Hopper',
      email: 'grace@example.org',
      message: 'Is there step-free access?',
      token: TOKEN.token,
      website: '',
    });
  });

  it('explains a refusal for a form sent too fast, and renews an expired token', async () => {
    let tokens = 0;
    const refusals = [
      {
        status: 400,
        body: {
          error: { code: 'core/bad-request', message: 'x', requestId: 'r1', details: { reason: 'too-fast' } },
        },
      },
      {
        status: 400,
        body: {
          error: {
            code: 'core/bad-request',
            message: 'x',
            requestId: 'r2',
            details: { reason: 'token-expired' },
          },
        },
      },
    ];
    fakeApi({
      'GET /api/events/vmc2021': { body: WITH_SECTIONS },
      'GET /api/events/vmc2021/contact/token': () => {
        tokens += 1;
        return { body: { ...TOKEN, token: `${tokens}.abc` } };
      },
      'POST /api/events/vmc2021/contact': () => refusals.shift() ?? { status: 202, body: { accepted: true } },
    });
    renderRoute('/e/vmc2021');
    const send = await screen.findByRole('button', { name: 'Send message' }, { timeout: 5000 });
    fillContactForm();

    fireEvent.click(send);
    expect(
      await screen.findByText('That was quick. Please wait a few seconds and send your message again.'),
    ).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Send message' }));
    expect(
      await screen.findByText('This form had expired. It has been renewed: send your message again.'),
    ).toBeTruthy();
    await waitFor(() => expect(tokens).toBe(2));
    // What the person typed is still there.
    expect(screen.getByLabelText<HTMLTextAreaElement>(/^Your message/).value).toBe(
      'Is there step-free access?',
    );
  });

  it('shows the team a draft banner and no contact form on a draft', async () => {
    fakeApi({ 'GET /api/events/vmc2021': { body: { ...WITH_SECTIONS, status: 'draft' } } });

    renderRoute('/e/vmc2021');

    expect(await screen.findByText('Draft — only the event team sees this.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Send message' })).toBeNull();
    expect(screen.getByText('The contact form appears here once the event is published.')).toBeTruthy();
  });
});

describe('EventListPage groups', () => {
  afterEach(() => jest.restoreAllMocks());

  const base = VMC_EVENT_LIST.events[0] as EventSummary;
  const event = (
    slug: string,
    startDate: string,
    endDate: string,
    timeZone = 'Europe/Vienna',
  ): EventSummary => ({
    ...base,
    id: `00000000-0000-4000-8000-${String(slug.length * 7919 + (slug.codePointAt(0) ?? 0)).padStart(12, '0')}`,
    slug,
    name: slug,
    startDate,
    endDate,
    timeZone,
  });

  it('splits upcoming (soonest first) from past (latest first) by the end date in each event’s zone', () => {
    // 2030-05-02 23:30 UTC: already 3 May in Vienna, still 2 May in New York.
    const now = new Date('2030-05-02T23:30:00Z');
    const { upcoming, past } = splitByDate(
      [
        event('old', '2021-10-19', '2021-10-20'),
        event('vienna-ended', '2030-05-01', '2030-05-02'),
        event('ny-today', '2030-05-01', '2030-05-02', 'America/New_York'),
        event('later', '2031-01-10', '2031-01-11'),
      ],
      now,
    );
    expect(upcoming.map((e) => e.slug)).toEqual(['ny-today', 'later']);
    expect(past.map((e) => e.slug)).toEqual(['vienna-ended', 'old']);
  });

  it('lists upcoming and past events under their own headings, with the accent colour', async () => {
    fakeApi({
      'GET /api/events': {
        body: {
          events: [
            event('old', '2021-10-19', '2021-10-20'),
            { ...event('next', '2099-05-01', '2099-05-02'), accentColor: '#12345a' },
          ],
        },
      },
    });

    renderRoute('/');

    const upcoming = (await screen.findByRole('heading', { level: 2, name: 'Upcoming' })).closest('section');
    const past = screen.getByRole('heading', { level: 2, name: 'Past events' }).closest('section');
    if (!upcoming || !past) throw new Error('no groups');
    const next = within(upcoming).getByRole('link', { name: 'next' });
    expect(next.getAttribute('href')).toBe('/e/next');
    expect(next.closest('li')?.getAttribute('style')).toContain('--pp-event-accent: #12345a');
    expect(within(past).getByRole('link', { name: 'old' })).toBeTruthy();
  });
});
