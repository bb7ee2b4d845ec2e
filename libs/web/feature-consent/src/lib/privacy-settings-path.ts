/** The address of the privacy settings page (the banner, embeds and the footer link to it). */
export const PRIVACY_SETTINGS_PATH = '/settings/privacy';
