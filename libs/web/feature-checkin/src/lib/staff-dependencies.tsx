import { registerCheckinDevice } from '@plenary/web-data-access';
import type { CheckinDevice } from '@plenary/contracts';
import { createContext, useContext } from 'react';
import { createQrDetector } from './barcode-reader';
import type { QrDetectorFactory } from './barcode-reader';
import { CheckinDb } from './checkin-db';
import { httpCheckinApi } from './checkin-station';
import type { CheckinApi } from './checkin-station';

/** What the staff app talks to; tests provide fakes (an in-memory server, fake-indexeddb, a scripted camera). */
export interface StaffDependencies {
  openDb: (slug: string) => CheckinDb;
  api: (slug: string) => CheckinApi;
  registerDevice: (slug: string, name: string) => Promise<CheckinDevice>;
  createDetector: QrDetectorFactory;
  /** Registers the service worker (PWA); a no-op in tests. */
  registerServiceWorker: () => void;
}

function registerServiceWorker(): void {
  // Registered only here, by the staff app, so no other page is ever controlled by it (see apps/web/vite.config.mts).
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined);
}

export const defaultStaffDependencies: StaffDependencies = {
  openDb: (slug) => new CheckinDb(slug),
  api: httpCheckinApi,
  registerDevice: (slug, name) => registerCheckinDevice(slug, name),
  createDetector: createQrDetector,
  registerServiceWorker,
};

export const StaffDependenciesContext = createContext<StaffDependencies>(defaultStaffDependencies);

export function useStaffDependencies(): StaffDependencies {
  return useContext(StaffDependenciesContext);
}
