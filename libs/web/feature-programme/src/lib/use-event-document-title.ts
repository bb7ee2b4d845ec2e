import { useDocumentTitle } from '@plenary/web-ui';
import { useEventContext } from './event-context';
import { formatEventDocumentTitle } from './event-labels';
import { useProgrammeTranslation } from './programme-i18n';

/** Sets the document title of a page within the current event ("Speakers · VMC 2021"). */
export function useEventDocumentTitle(page: string | undefined): void {
  const event = useEventContext();
  const { t } = useProgrammeTranslation();
  useDocumentTitle(page === undefined ? undefined : formatEventDocumentTitle(page, event, t));
}
