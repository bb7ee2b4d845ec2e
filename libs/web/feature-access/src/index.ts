import './lib/access.css';

export * from './lib/access-i18n';
export * from './lib/access-page';
export * from './lib/access-routes';
export * from './lib/account-page';
export * from './lib/confirm-page';
export * from './lib/dev-mailbox-link';
export * from './lib/dev-mailbox-page';
export * from './lib/header-account';
export * from './lib/register-page';
export * from './lib/sign-in-page';
export * from './lib/ticket-page';
