import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { HALL, managedSession, mockProgrammeEditorApi } from '../../testing/programme-editor-api';
import { renderOrganiserRoute } from '../../testing/render-organiser';

const PATH = '/e/vmc2021/organiser/programme';

/** The accessible name of a block in the day grid (its text; the separators are spoken, spacing varies). */
const blockName = (...parts: string[]): RegExp =>
  new RegExp(`^${parts.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*,\\s*')}$`);

async function openSessionForm(name: RegExp) {
  fireEvent.click(await screen.findByRole('button', { name }));
  return screen.findByRole('dialog', { name: /Edit “/ });
}

// Each test renders the whole editor and waits for several requests: slow on a busy 2-core machine.
jest.setTimeout(30_000);

describe('SessionForm', () => {
  afterEach(() => jest.restoreAllMocks());

  it('names each missing or wrong field before anything is sent, then creates the session', async () => {
    const { calls } = mockProgrammeEditorApi({ sessions: [] });
    renderOrganiserRoute(PATH);

    fireEvent.click(await screen.findByRole('button', { name: 'Add session' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add a session' });
    expect(within(dialog).getByText('Day and times in the event’s time zone, Europe/Vienna.')).toBeTruthy();

    fireEvent.click(within(dialog).getByRole('button', { name: 'Add session' }));
    expect(await within(dialog).findByRole('link', { name: 'Title: Please fill this in.' })).toBeTruthy();

    fireEvent.change(within(dialog).getByLabelText('Title'), { target: { value: 'Migration and cities' } });
    fireEvent.change(within(dialog).getByLabelText('Starts'), { target: { value: '11:00' } });
    fireEvent.change(within(dialog).getByLabelText('Ends'), { target: { value: '10:30' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add session' }));
    expect(
      await within(dialog).findByRole('link', { name: 'Ends: The end must be after the start.' }),
    ).toBeTruthy();
    expect(within(dialog).getByLabelText('Ends').getAttribute('aria-invalid')).toBe('true');
    expect(calls.filter((call) => call.method === 'POST')).toHaveLength(0);

    fireEvent.change(within(dialog).getByLabelText('Ends'), { target: { value: '12:00' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add session' }));

    expect(await screen.findByText('Saved “Migration and cities”.')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    const posts = calls.filter((call) => call.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.body).toMatchObject({
      title: 'Migration and cities',
      startsLocal: '2021-10-19T11:00',
      endsLocal: '2021-10-19T12:00',
      roomId: HALL.id,
    });
    // The grid shows what the server saved.
    expect(
      await screen.findByRole('button', {
        name: blockName('Migration and cities', '11:00–12:00', 'Plenary hall'),
      }),
    ).toBeTruthy();
  });

  it('shows the server’s refusal of a time outside the event on the field', async () => {
    mockProgrammeEditorApi({ sessions: [], eventDays: ['2021-10-20', '2021-10-20'] });
    renderOrganiserRoute(PATH);

    fireEvent.click(await screen.findByRole('button', { name: 'Add session' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add a session' });
    fireEvent.change(within(dialog).getByLabelText('Title'), { target: { value: 'Too early' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add session' }));

    expect(
      await within(dialog).findByRole('link', { name: 'Starts: is before the event starts' }),
    ).toBeTruthy();
    expect(within(dialog).getByText('The session must take place within the event’s dates.')).toBeTruthy();
    expect(within(dialog).getByLabelText('Starts').getAttribute('aria-invalid')).toBe('true');
  });

  it('on 412 shows both versions side by side and overwrites with the current version only when asked', async () => {
    const { calls, state } = mockProgrammeEditorApi();
    renderOrganiserRoute(PATH);

    const dialog = await openSessionForm(/^Opening remarks\s*,\s*09:00–10:00/);
    fireEvent.change(within(dialog).getByLabelText('Title'), { target: { value: 'Welcome' } });
    // Another organiser saves first.
    state.sessions.set(
      managedSession().id,
      managedSession({ title: 'Opening (their edit)', startsLocal: '2021-10-19T09:30', version: 2 }),
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));

    const conflict = await screen.findByRole('alertdialog', { name: 'Someone else changed this session' });
    const titleRow = within(conflict).getByRole('row', { name: /^Title/ });
    expect(within(titleRow).getByText('Welcome')).toBeTruthy();
    expect(within(titleRow).getByText('Opening (their edit)')).toBeTruthy();
    expect(within(conflict).getByRole('row', { name: /^Time \(differs\)/ })).toBeTruthy();
    expect(calls.filter((call) => call.method === 'PATCH')).toHaveLength(1);

    fireEvent.click(within(conflict).getByRole('button', { name: 'Overwrite with mine' }));

    expect(await screen.findByText('Saved “Welcome”.')).toBeTruthy();
    const patches = calls.filter((call) => call.method === 'PATCH');
    expect(patches.map((call) => call.ifMatch)).toEqual(['"1"', '"2"']);
    expect(patches[1]?.body).toMatchObject({ title: 'Welcome', startsLocal: '2021-10-19T09:00' });
    expect(state.sessions.get(managedSession().id)).toMatchObject({ title: 'Welcome', version: 3 });
  });

  it('on 412 "Use theirs" shows their version in the form and sends nothing more', async () => {
    const { calls, state } = mockProgrammeEditorApi();
    renderOrganiserRoute(PATH);

    const dialog = await openSessionForm(/^Opening remarks\s*,/);
    fireEvent.change(within(dialog).getByLabelText('Title'), { target: { value: 'Welcome' } });
    state.sessions.set(managedSession().id, managedSession({ title: 'Opening (their edit)', version: 2 }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));

    const conflict = await screen.findByRole('alertdialog', { name: 'Someone else changed this session' });
    fireEvent.click(within(conflict).getByRole('button', { name: 'Use theirs' }));

    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(within(dialog).getByLabelText<HTMLInputElement>('Title').value).toBe('Opening (their edit)');
    expect(within(dialog).getByText('The form now shows their version.')).toBeTruthy();
    expect(calls.filter((call) => call.method === 'PATCH')).toHaveLength(1);
  });

  it('orders the line-up with move up and down, each speaker with a role', async () => {
    const { calls } = mockProgrammeEditorApi();
    renderOrganiserRoute(PATH);

    const dialog = await openSessionForm(/^Opening remarks\s*,/);
    fireEvent.change(within(dialog).getByLabelText('Add a speaker'), {
      target: { value: '30000000-0000-4000-8000-000000000001' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add to the line-up' }));
    fireEvent.change(within(dialog).getByLabelText('Role of Ada Lovelace'), {
      target: { value: 'moderator' },
    });
    expect(
      within(dialog).getByRole<HTMLButtonElement>('button', { name: 'Move Ada Lovelace up' }).disabled,
    ).toBe(true);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));

    await screen.findByText('Saved “Opening remarks”.');
    const patch = calls.find((call) => call.method === 'PATCH');
    expect(patch?.body).toEqual({
      speakers: [{ speakerId: '30000000-0000-4000-8000-000000000001', role: 'moderator' }],
    });
  });

  it('when deleting is refused for activity, shows the server’s reason and offers to cancel instead', async () => {
    const { calls, state } = mockProgrammeEditorApi({ sessionHasActivity: true });
    renderOrganiserRoute(PATH);

    const dialog = await openSessionForm(/^Opening remarks\s*,/);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete the session' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Delete “Opening remarks”?' });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Delete the session' }));

    expect(
      await within(dialog).findByText('This session has questions, polls or attendance; cancel it instead.'),
    ).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel it instead' }));

    expect(await screen.findByText('Saved “Opening remarks”.')).toBeTruthy();
    expect(
      calls.filter((call) => call.method !== 'GET').map((call) => `${call.method} ${call.path}`),
    ).toEqual([
      `DELETE /api/events/vmc2021/programme/sessions/${managedSession().id}`,
      `POST /api/events/vmc2021/programme/sessions/${managedSession().id}/cancel`,
    ]);
    expect(state.sessions.get(managedSession().id)?.cancelled).toBe(true);
  });
});
