import type { EngagementSettings, SessionSettingsUpdate } from '@plenary/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { setSettings, updateLiveSession } from './live-session-cache';
import { unwrapAck, useEnsureLiveConnection } from './live-socket';
import type { LiveConnection } from './live-socket';

/** `session:settings` (moderators): Q&A mode, anonymous questions, confidentiality. */
export function useUpdateLiveSettings(sessionId: string, connection?: LiveConnection) {
  const live = useEnsureLiveConnection(connection);
  const queryClient = useQueryClient();
  return useMutation<EngagementSettings, Error, Omit<SessionSettingsUpdate, 'sessionId'>>({
    mutationFn: async (input) => unwrapAck(await live.request('session:settings', { ...input, sessionId })),
    onSuccess: (settings) =>
      updateLiveSession(queryClient, sessionId, (snapshot) => setSettings(snapshot, settings)),
  });
}
