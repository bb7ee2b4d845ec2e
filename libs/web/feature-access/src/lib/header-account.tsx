import { useMe, useSignOut } from '@plenary/web-data-access';
import { Button, UserIcon } from '@plenary/web-ui';
import { Link, useMatches } from 'react-router';
import { useAccessTranslation } from './access-i18n';

/** The slug of the event whose pages are open, if any. */
function useOpenEventSlug(): string | undefined {
  const matches = useMatches();
  for (let index = matches.length - 1; index >= 0; index -= 1) {
    const slug = matches[index]?.params['slug'];
    if (slug) return slug;
  }
  return undefined;
}

/**
 * The site header's account area: the signed-in person's name (to the account page) and "Sign out", or a
 * "Sign in" link (to the open event's access page when there is one).
 */
export function HeaderAccount() {
  const { t } = useAccessTranslation();
  const me = useMe();
  const signOut = useSignOut();
  const slug = useOpenEventSlug();

  if (me.isPending) return <div className="pa-header-account" aria-hidden="true" />;

  if (!me.data) {
    return (
      <div className="pa-header-account">
        <Link to={slug ? `/e/${slug}/access` : '/sign-in'} className="pa-header-account__link">
          <UserIcon />
          {t('actions.signIn')}
        </Link>
      </div>
    );
  }

  const handleSignOut = () => signOut.mutate();

  return (
    <div className="pa-header-account">
      <Link
        to="/account"
        className="pa-header-account__link"
        title={t('header.accountLabel', { name: me.data.person.name })}
      >
        <UserIcon aria-hidden="true" />
        {/* The visible name is the accessible name (WCAG 2.5.3, label in name). */}
        <span className="pa-header-account__name">{me.data.person.name}</span>
      </Link>
      <Button
        variant="quiet"
        className="pa-header-account__sign-out"
        onClick={handleSignOut}
        disabled={signOut.isPending}
      >
        {t('actions.signOut')}
      </Button>
    </div>
  );
}
