import { speakerPhotoOf, type ManagedSpeaker } from '@plenary/contracts';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { createInstance } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { ORGANISER_NAMESPACE, organiserResources } from './organiser-i18n';
import { SpeakerPhotoField } from './speaker-photo-field';

const SPEAKER: ManagedSpeaker = {
  id: '5b0f6a1e-1c4e-4c43-9a51-0d3f1f7f0a01',
  name: 'Karl Nehammer',
  honorific: null,
  title: 'Federal Minister of the Interior',
  organisation: null,
  country: 'Austria',
  bio: null,
  bioHtml: null,
  photoUrl: null,
  photo: null,
  externalId: null,
  order: 0,
  version: 3,
};
const PHOTO = speakerPhotoOf('0123456789abcdef0123456789abcdef');
const WITH_PHOTO: ManagedSpeaker = { ...SPEAKER, photo: PHOTO, photoUrl: PHOTO.url, version: 4 };

/** A stand-in for XMLHttpRequest: records what was sent; the test answers and reports progress. */
class FakeXhr {
  static last: FakeXhr | null = null;
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown = null;
  status = 0;
  responseText = '';
  upload: {
    onprogress: ((event: { lengthComputable: boolean; loaded: number; total: number }) => void) | null;
  } = {
    onprogress: null,
  };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;

  constructor() {
    FakeXhr.last = this;
  }
  open(method: string, url: string): void {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string): void {
    this.headers[name.toLowerCase()] = value;
  }
  getResponseHeader(): string | null {
    return null;
  }
  send(body: unknown): void {
    this.body = body;
  }
  abort(): void {
    this.onabort?.();
  }
  progress(loaded: number, total: number): void {
    this.upload.onprogress?.({ lengthComputable: true, loaded, total });
  }
  respond(status: number, body: unknown): void {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.onload?.();
  }
}

function renderField(speaker: ManagedSpeaker = SPEAKER) {
  const i18n = createInstance({
    lng: 'en',
    fallbackLng: 'en',
    ns: [ORGANISER_NAMESPACE],
    defaultNS: ORGANISER_NAMESPACE,
    resources: { en: { [ORGANISER_NAMESPACE]: organiserResources.en } },
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  void i18n.init();
  const onChange = jest.fn();
  const view = render(
    <I18nextProvider i18n={i18n}>
      <SpeakerPhotoField slug="vmc2021" speaker={speaker} onChange={onChange} />
    </I18nextProvider>,
  );
  const input = view.container.querySelector<HTMLInputElement>('input[type="file"]');
  if (!input) throw new Error('no file input');
  return { ...view, onChange, input };
}

const file = (bytes: number, type = 'image/jpeg', name = 'portrait.jpg') =>
  new File([new Uint8Array(bytes)], name, { type });

const errorBody = (code: string, message: string) => ({ error: { code, message, requestId: 'r1' } });

describe('SpeakerPhotoField', () => {
  const realXhr = globalThis.XMLHttpRequest;
  beforeEach(() => {
    FakeXhr.last = null;
    globalThis.XMLHttpRequest = FakeXhr as unknown as typeof XMLHttpRequest;
  });
  afterEach(() => {
    globalThis.XMLHttpRequest = realXhr;
    jest.restoreAllMocks();
  });

  it('shows initials without a photo, uploads the chosen file with progress, and reports the speaker', async () => {
    const { input, onChange, container } = renderField();
    expect(container.querySelector('.pl-avatar')?.textContent).toBe('KN');
    expect(screen.getByText(/No photo: Karl Nehammer’s initials are shown/)).toBeTruthy();
    expect(input.accept).toBe('image/jpeg,image/png,image/webp');

    fireEvent.change(input, { target: { files: [file(2000)] } });
    const xhr = FakeXhr.last;
    expect(xhr?.method).toBe('PUT');
    expect(xhr?.url).toBe(`/api/events/vmc2021/programme/speakers/${SPEAKER.id}/photo`);
    expect(xhr?.headers['x-plenary-csrf']).toBe('1');
    expect((xhr?.body as FormData).get('photo')).toBeInstanceOf(File);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Upload a photo' }).disabled).toBe(true);

    act(() => xhr?.progress(500, 2000));
    expect(screen.getByText('Uploading 25 %')).toBeTruthy();
    expect(
      screen.getByRole<HTMLProgressElement>('progressbar', { name: 'Upload of Karl Nehammer’s photo' }).value,
    ).toBe(25);

    await act(async () => xhr?.respond(200, WITH_PHOTO));
    expect(onChange).toHaveBeenCalledWith(WITH_PHOTO);
    expect(screen.getByRole('status').textContent).toBe('Photo saved.');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Upload a photo' }));
  });

  it('refuses a file over 5 MB or of another type before sending anything', () => {
    const { input } = renderField();
    fireEvent.change(input, { target: { files: [file(5 * 1024 * 1024 + 1)] } });
    expect(screen.getByRole('alert').textContent).toContain('larger than 5 MB');
    fireEvent.change(input, { target: { files: [file(100, 'image/gif', 'a.gif')] } });
    expect(screen.getByRole('alert').textContent).toContain('not a JPEG, PNG or WebP image');
    expect(FakeXhr.last).toBeNull();
  });

  it.each([
    [413, 'programme/photo-too-large', 'larger than 5 MB'],
    [415, 'programme/photo-unsupported-type', 'not a JPEG, PNG or WebP image'],
    [422, 'programme/photo-unreadable', 'could not be used'],
    [403, 'identity/forbidden-role', 'not as an organiser of this event'],
  ])('explains a %i answer in plain words', async (status, code, text) => {
    const { input, onChange } = renderField();
    fireEvent.change(input, { target: { files: [file(1000)] } });
    await act(async () => FakeXhr.last?.respond(status, errorBody(code, 'server words')));
    expect(screen.getByRole('alert').textContent).toContain(text);
    expect(onChange).not.toHaveBeenCalled();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Upload a photo' }).disabled).toBe(false);
  });

  it('shows the current photo with its sizes, and removes it', async () => {
    const removed = { ...SPEAKER, version: 5 };
    const fetchMock = jest.spyOn(globalThis, 'fetch').mockResolvedValue(
      new Response(JSON.stringify(removed), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      }),
    );
    const { container, onChange } = renderField(WITH_PHOTO);
    const img = container.querySelector('.pl-avatar img');
    expect(img?.getAttribute('src')).toBe(PHOTO.url);
    expect(img?.getAttribute('srcset')).toBe(PHOTO.srcset);

    fireEvent.click(screen.getByRole('button', { name: 'Remove photo' }));
    expect(await screen.findByText('Photo removed.')).toBeTruthy();
    expect(fetchMock).toHaveBeenCalledWith(
      `/api/events/vmc2021/programme/speakers/${SPEAKER.id}/photo`,
      expect.objectContaining({ method: 'DELETE' }),
    );
    expect(onChange).toHaveBeenCalledWith(removed);
  });
});
