/**
 * A citizen's page that does not exist (a mistyped or old link under /public): said in plain words inside the
 * citizens' layout, with the ways back — never the professionals' login.
 */
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../usePageTitle';

export function PublicNotFoundPage() {
  const { t } = useTranslation('public');
  usePageTitle(t('notFound.title'));
  return (
    <>
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.text')}</p>
      <ul>
        <li>
          <Link to="/public">{t('notFound.home')}</Link>
        </li>
        <li>
          <Link to="/public/search">{t('notFound.search')}</Link>
        </li>
      </ul>
    </>
  );
}
