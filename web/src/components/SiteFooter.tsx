/** Footer of every page: a short 出典 of the public data, the link to all sources, and what this system is. */
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { usePublicConfig } from '../api/queries';
import { useServerText } from '../i18n/server-text';
import { ownSourceIds, sourceTitles } from './source-lines';

export function SiteFooter() {
  const { t, i18n } = useTranslation();
  const serverText = useServerText();
  const config = usePublicConfig();
  const publicSources = (config.data?.sources ?? []).filter((source) => !ownSourceIds.has(source.id));
  return (
    <footer className="site-footer">
      <div className="site-footer-inner">
        {publicSources.length > 0 ? (
          <p>
            {t('footer.sources', {
              titles: sourceTitles(publicSources, i18n.language === 'en' ? 'en' : 'ja', serverText.dataSource),
            })}{' '}
            <Link to="/about/data">{t('footer.sourcesLink')}</Link>
          </p>
        ) : (
          <p>
            <Link to="/about/data">{t('footer.sourcesLink')}</Link>
          </p>
        )}
        <p>
          <strong>{t('footer.aboutTitle')}</strong>
          {t('footer.about')}
          {config.data?.demo ? t('footer.demoNote') : ''}
        </p>
      </div>
    </footer>
  );
}
