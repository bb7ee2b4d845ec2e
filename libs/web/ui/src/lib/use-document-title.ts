import { useEffect } from 'react';

/** Sets `document.title` while the calling component is mounted (pass `undefined` to leave it as is). */
export function useDocumentTitle(title: string | undefined): void {
  useEffect(() => {
    if (title !== undefined) document.title = title;
  }, [title]);
}
