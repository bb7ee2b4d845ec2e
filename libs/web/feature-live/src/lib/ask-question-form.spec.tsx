import { QUESTION_MAX_LENGTH } from '@plenary/contracts';
import type { EngagementSettings } from '@plenary/contracts';
import type { AskQuestionInput } from '@plenary/web-data-access';
import { LiveAckError } from '@plenary/web-data-access';
import { act, fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { renderLive } from '../testing/render-live';
import { AskQuestionForm, questionLength } from './ask-question-form';

const MODERATED: EngagementSettings = {
  qaMode: 'pre_moderated',
  anonymousAllowed: false,
  confidential: false,
};

function type(text: string) {
  fireEvent.change(screen.getByRole('textbox', { name: 'Your question' }), { target: { value: text } });
}

async function submit() {
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: 'Send question' }));
  });
}

describe(AskQuestionForm.name, () => {
  it('ticks "I am in the room" for someone admitted at the door until they choose otherwise', async () => {
    const onAsk = jest.fn().mockResolvedValue(undefined);
    /** The door check-in arrives while the form is open. */
    function Harness() {
      const [admitted, setAdmitted] = useState(false);
      return (
        <>
          <button type="button" onClick={() => setAdmitted((value) => !value)}>
            door
          </button>
          <AskQuestionForm settings={MODERATED} onAsk={onAsk} inRoomByDefault={admitted} />
        </>
      );
    }
    renderLive(<Harness />);
    const box = () => screen.getByRole<HTMLInputElement>('checkbox', { name: 'I am in the room' });
    expect(box().checked).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'door' }));
    expect(box().checked).toBe(true);
    type('Where is the microphone?');
    await submit();
    expect(onAsk).toHaveBeenLastCalledWith(expect.objectContaining({ source: 'room' }));
    fireEvent.click(box());
    expect(box().checked).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'door' }));
    fireEvent.click(screen.getByRole('button', { name: 'door' }));
    expect(box().checked).toBe(false);
  });

  it('counts what the server keeps: trimmed, without control or bidi characters', () => {
    expect(questionLength('  Why?\u202E  ')).toBe(4);
    renderLive(<AskQuestionForm settings={MODERATED} onAsk={jest.fn()} />);
    type('  Hello  ');
    expect(screen.getByText(`5 / ${QUESTION_MAX_LENGTH}`)).toBeTruthy();
    expect(screen.getByText(`${QUESTION_MAX_LENGTH - 5} characters left`)).toBeTruthy();
  });

  it(`refuses more than ${QUESTION_MAX_LENGTH} characters with how many are too many, and sends nothing`, async () => {
    const onAsk = jest.fn();
    renderLive(<AskQuestionForm settings={MODERATED} onAsk={onAsk} />);
    type('x'.repeat(QUESTION_MAX_LENGTH));
    expect(screen.queryByText(/too many/)).toBeNull();
    type('x'.repeat(QUESTION_MAX_LENGTH + 2));
    expect(
      screen.getByText(`2 characters too many: shorten your question to ${QUESTION_MAX_LENGTH} characters.`),
    ).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Your question' }).getAttribute('aria-invalid')).toBe('true');
    await submit();
    expect(onAsk).not.toHaveBeenCalled();
  });

  it('asks for at least three characters', async () => {
    const onAsk = jest.fn();
    renderLive(<AskQuestionForm settings={MODERATED} onAsk={onAsk} />);
    type('  ab ');
    await submit();
    expect(screen.getByText('Write at least 3 characters.')).toBeTruthy();
    expect(onAsk).not.toHaveBeenCalled();
  });

  it('offers "anonymous" only where the session allows it', () => {
    const { unmount } = renderLive(<AskQuestionForm settings={MODERATED} onAsk={jest.fn()} />);
    expect(screen.queryByRole('checkbox', { name: 'Ask anonymously' })).toBeNull();
    unmount();
    renderLive(<AskQuestionForm settings={{ ...MODERATED, anonymousAllowed: true }} onAsk={jest.fn()} />);
    expect(screen.getByRole('checkbox', { name: 'Ask anonymously' })).toBeTruthy();
  });

  it('sends the cleaned text with a client id that stays the same on a retry and changes after success', async () => {
    const onAsk = jest
      .fn<Promise<unknown>, [AskQuestionInput]>()
      .mockRejectedValueOnce(new LiveAckError({ code: 'core/unavailable', message: 'timeout' }))
      .mockResolvedValue({});
    renderLive(<AskQuestionForm settings={{ ...MODERATED, anonymousAllowed: true }} onAsk={onAsk} />);
    type('  What about the Balkan route?  ');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Ask anonymously' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'I am in the room' }));
    await submit();
    expect(screen.getByText(/The live service did not answer/)).toBeTruthy();
    await submit();
    expect(onAsk).toHaveBeenCalledTimes(2);
    const [first, second] = onAsk.mock.calls.map(([input]) => input);
    expect(first).toEqual({
      clientId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      text: 'What about the Balkan route?',
      anonymous: true,
      source: 'room',
    });
    expect(second?.clientId).toBe(first?.clientId);
    expect(screen.getByText(/once a moderator approves it/)).toBeTruthy();
    expect(screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Your question' }).value).toBe('');

    type('And the central Mediterranean?');
    await submit();
    expect(onAsk.mock.calls[2]?.[0].clientId).not.toBe(first?.clientId);
  });
});
