import { act, render, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import {
  ConsentProvider,
  useConsentContext,
  useEnsureConsent,
  useMaybeConsentContext,
} from './consent-context';
import { CONSENT_STORAGE_KEY } from './consent-storage';

const wrapper = ({ children }: { children: ReactNode }) => <ConsentProvider>{children}</ConsentProvider>;

describe('consent context', () => {
  beforeEach(() => localStorage.clear());

  it('throws outside the provider, or answers undefined for the "maybe" hook', () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => renderHook(() => useConsentContext())).toThrow(/inside ConsentProvider/);
    expect(() => renderHook(() => useEnsureConsent())).toThrow(/No consent state/);
    expect(renderHook(() => useMaybeConsentContext()).result.current).toBeUndefined();
    jest.restoreAllMocks();
  });

  it('allows nothing optional and writes nothing before a decision', () => {
    const { result } = renderHook(() => useConsentContext(), { wrapper });

    expect(result.current.decision).toBeNull();
    expect(result.current.isAllowed('necessary')).toBe(true);
    expect(result.current.isAllowed('embeds')).toBe(false);
    expect(localStorage.length).toBe(0);
  });

  it('follows a decision made in another tab', () => {
    function Probe() {
      const { isAllowed } = useConsentContext();
      return <p>{isAllowed('embeds') ? 'embeds on' : 'embeds off'}</p>;
    }
    const view = render(
      <ConsentProvider>
        <Probe />
      </ConsentProvider>,
    );
    expect(view.getByText('embeds off')).toBeTruthy();

    const value = JSON.stringify({ choice: { embeds: true }, decidedAt: '2021-10-19T08:30:00Z' });
    localStorage.setItem(CONSENT_STORAGE_KEY, value);
    act(() => {
      window.dispatchEvent(new StorageEvent('storage', { key: CONSENT_STORAGE_KEY, newValue: value }));
    });

    expect(view.getByText('embeds on')).toBeTruthy();
  });
});
