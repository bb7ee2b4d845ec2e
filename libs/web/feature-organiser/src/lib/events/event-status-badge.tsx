import type { EventStatus } from '@plenary/contracts';
import { Badge } from '@plenary/web-ui';
import type { BadgeTone } from '@plenary/web-ui';
import { useOrganiserTranslation } from '../organiser-i18n';

function statusTone(status: EventStatus): BadgeTone {
  switch (status) {
    case 'draft':
      return 'accent';
    case 'published':
      return 'navy';
    case 'archived':
      return 'muted';
  }
}

/** Draft, published or archived, as a chip. */
export function EventStatusBadge({ status }: { status: EventStatus }) {
  const { t } = useOrganiserTranslation();
  return <Badge tone={statusTone(status)}>{t(`events.status.${status}`)}</Badge>;
}
