import './lib/consent.css';

export * from './lib/consent-banner';
export * from './lib/consent-context';
export * from './lib/consent-i18n';
export * from './lib/consent-routes';
export * from './lib/consent-settings';
export * from './lib/consent-storage';
export * from './lib/privacy-settings-page';
export * from './lib/privacy-settings-path';
export * from './lib/third-party-embed';
