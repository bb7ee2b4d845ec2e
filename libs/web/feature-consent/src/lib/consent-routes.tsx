import type { RouteObject } from 'react-router';
import { PrivacySettingsPage } from './privacy-settings-page';
import { PRIVACY_SETTINGS_PATH } from './privacy-settings-path';

/** The consent feature's routes, to mount under the app's root route. */
export const consentRoutes: RouteObject[] = [
  { path: PRIVACY_SETTINGS_PATH.slice(1), element: <PrivacySettingsPage /> },
];
