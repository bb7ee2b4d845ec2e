import type { ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import { AccessPage } from './access-page';
import { AccountPage } from './account-page';
import { ConfirmPage } from './confirm-page';
import { DevMailboxPage } from './dev-mailbox-page';
import { PrivacyNoticePage } from './privacy-notice-page';
import { RegisterPage } from './register-page';
import { SignInPage } from './sign-in-page';
import { TicketPage } from './ticket-page';

/**
 * Pages within an event, to mount under the programme's `e/:slug` route (whose layout loads the event):
 * register, access (sign in), ticket and the privacy notice.
 */
export const accessEventRoutes: RouteObject[] = [
  { path: 'register', element: <RegisterPage /> },
  { path: 'access', element: <AccessPage /> },
  { path: 'ticket', element: <TicketPage /> },
  { path: 'privacy', element: <PrivacyNoticePage /> },
];

export interface AccessRoutesOptions {
  /** Settings the app adds to the account page (e.g. cookie consent). */
  accountSettings?: ReactNode;
}

/** Site-wide pages, to mount under the app's root route: sign-in, the sign-in link, account, dev mailbox. */
export function createAccessRoutes({ accountSettings }: AccessRoutesOptions = {}): RouteObject[] {
  return [
    { path: 'sign-in', element: <SignInPage /> },
    { path: 'auth/confirm', element: <ConfirmPage /> },
    { path: 'account', element: <AccountPage settings={accountSettings} /> },
    { path: 'dev/mailbox', element: <DevMailboxPage /> },
  ];
}
