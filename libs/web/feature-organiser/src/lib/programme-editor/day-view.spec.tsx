import { fireEvent, screen, waitFor } from '@testing-library/react';
import { BREAKOUT, HALL, managedSession, mockProgrammeEditorApi } from '../../testing/programme-editor-api';
import { renderOrganiserRoute } from '../../testing/render-organiser';

const PATH = '/e/vmc2021/organiser/programme';

/** The accessible name of a block in the day grid (its text; the separators are spoken, spacing varies). */
const blockName = (...parts: string[]): RegExp =>
  new RegExp(`^${parts.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*,\\s*')}$`);

// Each test renders the whole editor and waits for several requests: slow on a busy 2-core machine.
jest.setTimeout(30_000);

describe('DayView keyboard moves', () => {
  afterEach(() => jest.restoreAllMocks());

  it('moves a block 5 minutes per arrow key and saves it with Enter, as a PATCH with If-Match', async () => {
    const { calls, state } = mockProgrammeEditorApi();
    renderOrganiserRoute(PATH);

    const block = await screen.findByRole('button', {
      name: blockName('Opening remarks', '09:00–10:00', 'Plenary hall'),
    });
    block.focus();
    fireEvent.keyDown(block, { key: 'ArrowDown' });
    fireEvent.keyDown(block, { key: 'ArrowDown' });
    fireEvent.keyDown(block, { key: 'ArrowDown' });
    fireEvent.keyDown(block, { key: 'ArrowUp' });
    expect(
      screen.getByRole('button', { name: blockName('Opening remarks', '09:10–10:10', 'Plenary hall') }),
    ).toBe(block);
    expect(
      screen.getByText(/Opening remarks: 09:10 to 10:10, Plenary hall\. Enter saves, Escape reverts\./),
    ).toBeTruthy();
    expect(calls.filter((call) => call.method === 'PATCH')).toHaveLength(0);

    fireEvent.keyDown(block, { key: 'Enter' });

    expect(await screen.findByText('Moved “Opening remarks” to 09:10, Plenary hall.')).toBeTruthy();
    const patches = calls.filter((call) => call.method === 'PATCH');
    expect(patches).toHaveLength(1);
    expect(patches[0]?.ifMatch).toBe('"1"');
    expect(patches[0]?.body).toEqual({
      startsLocal: '2021-10-19T09:10',
      endsLocal: '2021-10-19T10:10',
      roomId: HALL.id,
    });
    expect(state.sessions.get(managedSession().id)?.version).toBe(2);
    // No dialog opened on Enter: the key saved the move.
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('moves to the neighbouring room with the right arrow, keeps the focus, and Escape reverts without a request', async () => {
    const { calls } = mockProgrammeEditorApi();
    renderOrganiserRoute(PATH);

    const block = await screen.findByRole('button', {
      name: blockName('Opening remarks', '09:00–10:00', 'Plenary hall'),
    });
    block.focus();
    fireEvent.keyDown(block, { key: 'ArrowRight' });

    const moved = await screen.findByRole('button', {
      name: blockName('Opening remarks', '09:00–10:00', 'Breakout A'),
    });
    await waitFor(() => expect(document.activeElement).toBe(moved));
    fireEvent.keyDown(moved, { key: 'Escape' });

    const back = await screen.findByRole('button', {
      name: blockName('Opening remarks', '09:00–10:00', 'Plenary hall'),
    });
    await waitFor(() => expect(document.activeElement).toBe(back));
    expect(screen.getByText('Opening remarks is back where it was.')).toBeTruthy();
    expect(calls.filter((call) => call.method === 'PATCH')).toHaveLength(0);

    fireEvent.keyDown(back, { key: 'ArrowRight' });
    const again = await screen.findByRole('button', { name: /Breakout A$/ });
    fireEvent.keyDown(again, { key: 'Enter' });
    await screen.findByText('Moved “Opening remarks” to 09:00, Breakout A.');
    expect(calls.find((call) => call.method === 'PATCH')?.body).toMatchObject({ roomId: BREAKOUT.id });
  });

  it('a move of a session someone else changed opens the conflict dialog instead of saving', async () => {
    const { calls, state } = mockProgrammeEditorApi();
    renderOrganiserRoute(PATH);

    const block = await screen.findByRole('button', { name: /^Opening remarks\s*,\s*09:00/ });
    state.sessions.set(managedSession().id, managedSession({ title: 'Opening (renamed)', version: 2 }));
    block.focus();
    fireEvent.keyDown(block, { key: 'ArrowDown' });
    fireEvent.keyDown(block, { key: 'Enter' });

    const conflict = await screen.findByRole('alertdialog', { name: 'Someone else changed this session' });
    fireEvent.click(screen.getByRole('button', { name: 'Overwrite with mine' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(conflict).toBeTruthy();
    const patches = calls.filter((call) => call.method === 'PATCH');
    expect(patches.map((call) => call.ifMatch)).toEqual(['"1"', '"2"']);
    // Only the move is overwritten: their new title stays.
    expect(patches[1]?.body).toEqual({ startsLocal: '2021-10-19T09:05', endsLocal: '2021-10-19T10:05' });
    expect(state.sessions.get(managedSession().id)).toMatchObject({
      title: 'Opening (renamed)',
      startsLocal: '2021-10-19T09:05',
    });
  });
});
