import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { MyRegistration } from '@plenary/contracts';
import { EVENT, REGISTRATION_ID, meWith } from '../testing/fixtures';
import { apiError, mockApi } from '../testing/fake-api';
import { renderAccessRoute } from '../testing/render-access-route';

const REGISTER_PATH = '/api/events/vmc2021/registrations';
const ACCEPTED = { status: 202, body: { status: 'accepted', message: 'Check your inbox' } };

function fillIn(label: string | RegExp, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

function fillValidForm() {
  fillIn('Full name', 'Ada Muster');
  fillIn('E-mail address', '  Ada@Example.org ');
  fillIn('Organisation', 'Ministry of the Interior');
  fillIn('Job title', 'Head of unit');
  fillIn('Country', 'AT');
  fireEvent.click(screen.getByRole('radio', { name: 'Remote' }));
  fireEvent.click(screen.getByRole('checkbox', { name: /I have read the privacy notice/ }));
}

async function renderRegisterPage() {
  const view = renderAccessRoute('/e/vmc2021/register');
  await screen.findByRole('heading', { level: 1, name: 'Register' });
  return view;
}

describe('RegisterPage', () => {
  afterEach(() => jest.restoreAllMocks());

  it('checks the form with the contract before sending, lists every problem and moves focus to the list', async () => {
    const api = mockApi({ '/api/events/vmc2021': { body: EVENT }, [`POST ${REGISTER_PATH}`]: ACCEPTED });
    await renderRegisterPage();

    fillIn('E-mail address', 'not-an-address');
    fireEvent.click(screen.getByRole('button', { name: 'Register' }));

    const summary = await screen.findByRole('heading', { level: 2, name: 'There is a problem' });
    const summaryBox = summary.parentElement;
    if (!summaryBox) throw new Error('no summary');
    await waitFor(() => expect(document.activeElement).toBe(summaryBox));
    const links = within(summaryBox)
      .getAllByRole('link')
      .map((link) => [link.textContent, link.getAttribute('href')]);
    expect(links).toEqual([
      ['Enter your full name', '#registration-name'],
      ['Enter an e-mail address in the correct format, like name@example.org', '#registration-email'],
      ['Enter your organisation', '#registration-organisation'],
      ['Enter your job title', '#registration-jobTitle'],
      ['Choose your country', '#registration-country'],
      ['Choose whether you attend in person or remotely', '#registration-attendance'],
      ['Accept the privacy notice to register', '#registration-privacyNotice'],
    ]);
    const email = screen.getByLabelText('E-mail address');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(email.getAttribute('aria-describedby')).toContain('registration-email-error');
    expect(api.callsTo('POST', REGISTER_PATH)).toHaveLength(0);

    fireEvent.click(within(summaryBox).getByRole('link', { name: 'Enter your job title' }));
    expect(document.activeElement).toBe(screen.getByLabelText('Job title'));
  });

  it('sends the normalised registration with the CSRF header and says what happens next', async () => {
    const api = mockApi({ '/api/events/vmc2021': { body: EVENT }, [`POST ${REGISTER_PATH}`]: ACCEPTED });
    await renderRegisterPage();

    fillValidForm();
    fireEvent.click(screen.getByRole('checkbox', { name: /photos and recordings/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Register' }));

    expect(await screen.findByRole('heading', { level: 2, name: 'Check your inbox' })).toBeTruthy();
    expect(screen.getByText('We have sent a confirmation to ada@example.org.')).toBeTruthy();
    expect(
      screen.getByText(/The organisers approve registrations\. You will get a second e-mail/),
    ).toBeTruthy();
    const [call] = api.callsTo('POST', REGISTER_PATH);
    expect(call?.headers.get('x-plenary-csrf')).toBe('1');
    expect(call?.body).toEqual({
      name: 'Ada Muster',
      email: 'ada@example.org',
      organisation: 'Ministry of the Interior',
      jobTitle: 'Head of unit',
      country: 'AT',
      attendance: 'remote',
      consents: { privacyNotice: true, photoRecording: true },
    });
    expect(document.title).toBe('Check your inbox · Vienna Migration Conference 2021');
  });

  it('shows the server’s validation issues on their fields', async () => {
    mockApi({
      '/api/events/vmc2021': { body: EVENT },
      [`POST ${REGISTER_PATH}`]: apiError(400, 'core/validation-failed', [
        { path: 'email', message: 'is not accepted for this event' },
        { path: 'consents.privacyNotice', message: 'must be accepted to register' },
      ]),
    });
    await renderRegisterPage();

    fillValidForm();
    fireEvent.click(screen.getByRole('button', { name: 'Register' }));

    const summary = (await screen.findByRole('heading', { name: 'There is a problem' })).parentElement;
    if (!summary) throw new Error('no summary');
    await waitFor(() => expect(document.activeElement).toBe(summary));
    expect(
      within(summary).getByRole('link', { name: 'E-mail address is not accepted for this event' }),
    ).toBeTruthy();
    expect(
      within(summary)
        .getByRole('link', { name: 'Privacy notice must be accepted to register' })
        .getAttribute('href'),
    ).toBe('#registration-privacyNotice');
    const emailError = document.getElementById('registration-email-error');
    expect(emailError?.textContent).toBe('E-mail address is not accepted for this event');
  });

  it('says when to try again after too many registrations', async () => {
    mockApi({
      '/api/events/vmc2021': { body: EVENT },
      [`POST ${REGISTER_PATH}`]: { ...apiError(429, 'core/rate-limited'), headers: { 'Retry-After': '120' } },
    });
    await renderRegisterPage();

    fillValidForm();
    fireEvent.click(screen.getByRole('button', { name: 'Register' }));

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('heading', { name: 'Too many attempts' })).toBeTruthy();
    expect(alert.textContent).toContain('Please try again in 2 minutes.');
    await waitFor(() => expect(document.activeElement).toBe(alert));
    expect(screen.getByRole('button', { name: 'Register' })).toBeTruthy();
  });

  it('offers countries by name and links the privacy notice', async () => {
    mockApi({ '/api/events/vmc2021': { body: EVENT } });
    await renderRegisterPage();

    const country = screen.getByLabelText('Country');
    expect(within(country).getByRole('option', { name: 'Austria' }).getAttribute('value')).toBe('AT');
    expect(within(country).getAllByRole('option').length).toBeGreaterThan(240);
    expect(
      screen.getByRole('link', { name: 'privacy notice (opens in a new tab)' }).getAttribute('href'),
    ).toBe('/e/vmc2021/privacy');
    expect(screen.getByText(/You come to the venue in Vienna/)).toBeTruthy();
  });

  describe('signed in', () => {
    const MY_PATH = '/api/events/vmc2021/my/registration';
    const MINE: MyRegistration = {
      id: REGISTRATION_ID,
      status: 'approved',
      name: 'Ada Muster',
      email: 'ada@example.org',
      organisation: 'Ministry of the Interior',
      jobTitle: 'Head of unit',
      country: 'AT',
      attendance: 'in_person',
      accessibilityNeeds: null,
      consents: { privacyAcceptedAt: '2021-09-01T10:00:00.000Z', photoRecording: true },
      createdAt: '2021-09-01T10:00:00.000Z',
      updatedAt: '2021-09-01T10:00:00.000Z',
    };

    it('shows the registration to change: the address fixed, the answers filled in; saving sends no address', async () => {
      const api = mockApi({
        '/api/events/vmc2021': { body: EVENT },
        '/api/me': { body: meWith('approved') },
        [`GET ${MY_PATH}`]: { body: MINE },
        [`PUT ${MY_PATH}`]: {
          body: { ...MINE, organisation: 'Ministry of Finance', updatedAt: '2021-09-02T10:00:00.000Z' },
        },
      });
      renderAccessRoute('/e/vmc2021/register');

      expect(await screen.findByRole('heading', { level: 1, name: 'My registration' })).toBeTruthy();
      expect(screen.getByText('Approved')).toBeTruthy();
      const email = screen.getByLabelText<HTMLInputElement>('E-mail address');
      expect(email.value).toBe('ada@example.org');
      expect(email.readOnly).toBe(true);
      expect(screen.getByLabelText<HTMLInputElement>('Organisation').value).toBe('Ministry of the Interior');
      expect(screen.getByRole<HTMLInputElement>('checkbox', { name: /photos and recordings/ }).checked).toBe(
        true,
      );

      fillIn('Organisation', 'Ministry of Finance');
      fireEvent.click(screen.getByRole('checkbox', { name: /photos and recordings/ }));
      fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));

      expect(await screen.findByRole('heading', { name: 'Your changes are saved' })).toBeTruthy();
      const [call] = api.callsTo('PUT', MY_PATH);
      expect(call?.headers.get('x-plenary-csrf')).toBe('1');
      expect(call?.body).toEqual({
        name: 'Ada Muster',
        organisation: 'Ministry of Finance',
        jobTitle: 'Head of unit',
        country: 'AT',
        attendance: 'in_person',
        consents: { privacyNotice: true, photoRecording: false },
      });
      expect(api.callsTo('POST', REGISTER_PATH)).toHaveLength(0);
    });

    it('cancels only after a confirmation', async () => {
      const api = mockApi({
        '/api/events/vmc2021': { body: EVENT },
        '/api/me': { body: meWith('approved') },
        [`GET ${MY_PATH}`]: { body: MINE },
        [`POST ${MY_PATH}/cancel`]: { body: { ...MINE, status: 'cancelled' } },
      });
      renderAccessRoute('/e/vmc2021/register');

      fireEvent.click(await screen.findByRole('button', { name: 'Cancel my registration' }));
      expect(api.callsTo('POST', `${MY_PATH}/cancel`)).toHaveLength(0);
      fireEvent.click(screen.getByRole('button', { name: 'Yes, cancel my registration' }));

      await waitFor(() => expect(api.callsTo('POST', `${MY_PATH}/cancel`)).toHaveLength(1));
    });

    it('registers a signed-in person who has no registration with their own address', async () => {
      const api = mockApi({
        '/api/events/vmc2021': { body: EVENT },
        '/api/me': { body: meWith(null) },
        [`GET ${MY_PATH}`]: apiError(404, 'registration/not-registered'),
        [`PUT ${MY_PATH}`]: { body: { ...MINE, status: 'pending' } },
      });
      renderAccessRoute('/e/vmc2021/register');

      expect(await screen.findByRole('heading', { level: 1, name: 'Register' })).toBeTruthy();
      expect(screen.getByLabelText<HTMLInputElement>('E-mail address').value).toBe('ada@example.org');
      expect(screen.getByLabelText<HTMLInputElement>('Full name').value).toBe('Ada Muster');
      fillIn('Organisation', 'Ministry of the Interior');
      fillIn('Job title', 'Head of unit');
      fillIn('Country', 'AT');
      fireEvent.click(screen.getByRole('radio', { name: 'Remote' }));
      fireEvent.click(screen.getByRole('checkbox', { name: /I have read the privacy notice/ }));
      fireEvent.click(screen.getByRole('button', { name: 'Register' }));

      await waitFor(() => expect(api.callsTo('PUT', MY_PATH)).toHaveLength(1));
      expect(api.callsTo('PUT', MY_PATH)[0]?.body).toMatchObject({
        name: 'Ada Muster',
        attendance: 'remote',
      });
    });
  });
});
