import type { RegistrationStatus } from '@plenary/contracts';
import type { ReactNode } from 'react';
import { Badge } from './badge';
import type { BadgeTone } from './badge';

/** The tone of each registration status: approved stands out, pending asks for attention, the rest recede. */
export function registrationStatusTone(status: RegistrationStatus): BadgeTone {
  switch (status) {
    case 'approved':
      return 'navy';
    case 'pending':
      return 'accent';
    case 'waitlisted':
      return 'neutral';
    case 'rejected':
    case 'cancelled':
      return 'muted';
  }
}

/** The status of a registration; the label comes translated from the caller. */
export function RegistrationStatusBadge({
  status,
  children,
}: {
  status: RegistrationStatus;
  children: ReactNode;
}) {
  return <Badge tone={registrationStatusTone(status)}>{children}</Badge>;
}
