import { fireEvent, render, screen } from '@testing-library/react';
import { getInitials } from './avatar';
import { SessionStateBadge } from './badge';
import { ErrorState } from './error-state';
import { SpeakerCard } from './speaker-card';

const LABELS = { code: 'Error code', requestId: 'Request id', retry: 'Try again' };

describe('getInitials', () => {
  it.each([
    ['Karl Nehammer', 'KN'],
    ['Caroline de Gruyter', 'CG'],
    ['Monika Sie Dhian Ho', 'MH'],
    ['Péter Szijjártó', 'PS'],
    ['  amira   el fadil ', 'AF'],
    ['Plato', 'P'],
    ['', ''],
  ])('%s → %s', (name, initials) => {
    expect(getInitials(name)).toBe(initials);
  });
});

describe('SpeakerCard', () => {
  it('shows initials when there is no photo, and every detail as text', () => {
    const { container } = render(
      <SpeakerCard
        name="Najla El Mangoush"
        honorific="HE"
        title="Minister of Foreign Affairs and International Cooperation"
        country="Libya"
        role="Keynote speaker"
      />,
    );

    expect(screen.getByRole('heading', { level: 3 }).textContent).toBe('HE Najla El Mangoush');
    expect(screen.getByText('Libya')).toBeTruthy();
    expect(screen.getByText('Keynote speaker')).toBeTruthy();
    const avatar = container.querySelector('.pl-avatar');
    expect(avatar?.textContent).toBe('NM');
    expect(avatar?.getAttribute('aria-hidden')).toBe('true');
  });

  it('shows the photo instead of initials when there is one', () => {
    const { container } = render(
      <SpeakerCard name="Karl Nehammer" title="Minister" photoUrl="/media/kn.jpg" />,
    );

    expect(container.querySelector('.pl-avatar img')?.getAttribute('src')).toBe('/media/kn.jpg');
    expect(container.querySelector('.pl-avatar')?.textContent).toBe('');
  });

  it('offers every size of an uploaded photo through srcset, sized to the avatar', () => {
    const srcset = '/api/media/speakers/ab/96.webp 96w, /api/media/speakers/ab/256.webp 256w';
    const { container } = render(
      <SpeakerCard
        name="Karl Nehammer"
        title="Minister"
        photoUrl="/api/media/speakers/ab/256.webp"
        photoSrcset={srcset}
        layout="stacked"
      />,
    );

    const img = container.querySelector('.pl-avatar img');
    expect(img?.getAttribute('srcset')).toBe(srcset);
    expect(img?.getAttribute('sizes')).toBe('72px');
  });
});

describe('SessionStateBadge', () => {
  it('marks a live session with a dot and says nothing for a scheduled one', () => {
    const { container, rerender } = render(<SessionStateBadge state="live">Live now</SessionStateBadge>);
    expect(screen.getByText('Live now')).toBeTruthy();
    expect(container.querySelector('.pl-badge__dot')).not.toBeNull();

    rerender(<SessionStateBadge state="scheduled">Scheduled</SessionStateBadge>);
    expect(container.textContent).toBe('');
  });
});

describe('ErrorState', () => {
  it('announces the error with its message, code and request id, and retries on request', () => {
    const handleRetry = jest.fn();
    render(
      <ErrorState
        title="This page could not be loaded"
        message="Too many requests"
        code="core/rate-limited"
        requestId="req-1"
        labels={LABELS}
        onRetry={handleRetry}
      />,
    );

    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Too many requests');
    expect(alert.textContent).toContain('core/rate-limited');
    expect(alert.textContent).toContain('req-1');

    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(handleRetry).toHaveBeenCalledTimes(1);
  });
});
