import type { CheckinResult, CheckinScan, CheckinSnapshot } from '@plenary/contracts';
import { ApiNetworkError, ApiRequestError } from '@plenary/web-data-access';
import type { CheckinApi } from '../lib/checkin-station';
import { ADA, serverResult } from './fixtures';

/**
 * An in-memory check-in server for the station: answers scans (admitted, then yellow), remembers nonces (a
 * repeated nonce is replayed and adds nothing), and can be switched off (network error), slowed down or revoked.
 */
export function fakeCheckinApi(snapshot: () => CheckinSnapshot) {
  const byNonce = new Map<string, CheckinResult>();
  const admitted = new Set<string>();
  const state = { reachable: true, hang: false, revoked: false, uploads: 0 };

  const guard = async (signal?: AbortSignal): Promise<void> => {
    if (state.revoked) {
      throw new ApiRequestError(403, { code: 'checkin/device-revoked', message: 'revoked', requestId: 't' });
    }
    if (state.hang) {
      await new Promise((_, reject) =>
        signal?.addEventListener('abort', () => reject(signal.reason as Error)),
      );
    }
    if (!state.reachable) throw new ApiNetworkError('/fake', { cause: new TypeError('Failed to fetch') });
  };

  const judge = (scan: CheckinScan, mode: 'online' | 'offline'): CheckinResult => {
    const previous = byNonce.get(scan.nonce);
    if (previous) return { ...previous, replayed: true };
    const registrationId = scan.registrationId ?? ADA.registrationId;
    const verdict = admitted.has(registrationId) ? 'already_checked_in' : 'admitted';
    admitted.add(registrationId);
    const result = serverResult(scan.nonce, {
      verdict,
      mode,
      checkinId: `c0000000-0000-4000-8000-${String(byNonce.size + 1).padStart(12, '0')}`,
      undoableUntil: verdict === 'admitted' ? new Date(Date.now() + 120_000).toISOString() : null,
    });
    byNonce.set(scan.nonce, result);
    return result;
  };

  const api: CheckinApi = {
    scan: async (request, { signal } = {}) => {
      await guard(signal);
      return judge(request, 'online');
    },
    batch: async (request, { signal } = {}) => {
      await guard(signal);
      state.uploads += 1;
      return { results: request.scans.map((scan) => judge(scan, 'offline')) };
    },
    undo: async (checkinId, _deviceId, { signal } = {}) => {
      await guard(signal);
      const result = [...byNonce.values()].find((entry) => entry.checkinId === checkinId);
      if (!result?.attendee) throw new Error('no such check-in');
      admitted.delete(result.attendee.registrationId);
      return { ...result, undoneAt: '2026-11-26T09:13:00.000+01:00' };
    },
    search: async (_query, { signal } = {}) => {
      await guard(signal);
      return { candidates: [] };
    },
    snapshot: async (_query, { signal } = {}) => {
      await guard(signal);
      return snapshot();
    },
  };
  return { api, state, byNonce, admitted };
}
