import { checkinDeviceListSchema, checkinDeviceSchema } from '@plenary/contracts';
import type { CheckinDevice, CheckinDeviceList } from '@plenary/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiRequest } from './api-client';
import type { ApiRequestOptions } from './api-client';
import { checkinPath, checkinQueryKeys } from './checkin-query-keys';

/** POST /api/events/:slug/checkins/devices (staff, organisers): registers this phone; keep the returned id. */
export function registerCheckinDevice(
  slug: string,
  name: string,
  options: ApiRequestOptions = {},
): Promise<CheckinDevice> {
  return apiRequest('POST', checkinPath(slug, '/devices'), checkinDeviceSchema, {
    ...options,
    body: { name },
  });
}

/** GET /api/events/:slug/checkins/devices: every device (organisers) or the caller's own (staff). */
export function getCheckinDevices(slug: string, options: ApiRequestOptions = {}): Promise<CheckinDeviceList> {
  return apiGet(checkinPath(slug, '/devices'), checkinDeviceListSchema, options);
}

export function checkinDevicesQueryOptions(slug: string) {
  return queryOptions({
    queryKey: checkinQueryKeys.devices(slug),
    queryFn: ({ signal }) => getCheckinDevices(slug, { signal }),
  });
}

export function useCheckinDevices(slug: string) {
  return useQuery(checkinDevicesQueryOptions(slug));
}

/** POST /api/events/:slug/checkins/devices/:deviceId/revoke (organisers): the device and its session stop working. */
export function revokeCheckinDevice(
  slug: string,
  deviceId: string,
  options: ApiRequestOptions = {},
): Promise<CheckinDevice> {
  return apiRequest(
    'POST',
    checkinPath(slug, `/devices/${encodeURIComponent(deviceId)}/revoke`),
    checkinDeviceSchema,
    options,
  );
}

/** Revokes a device and refreshes the device list. */
export function useRevokeCheckinDevice(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (deviceId: string) => revokeCheckinDevice(slug, deviceId),
    onSettled: () => queryClient.invalidateQueries({ queryKey: checkinQueryKeys.devices(slug) }),
  });
}
