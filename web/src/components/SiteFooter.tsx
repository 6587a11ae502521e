/** Footer of every page: a short 出典 of the public data, the link to all sources, and what this system is. */
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { usePublicConfig } from '../api/queries';
import type { DataSource } from '../api/types';

/** 「コード内容別医療機関一覧表」 out of 「出典：「コード内容別医療機関一覧表」（厚生労働省 地方厚生局）を加工して作成」. */
export function sourceTitle(source: DataSource): string {
  const match = /「([^」]+)」/.exec(source.attribution);
  return match?.[1] ? `「${match[1]}」` : source.attribution;
}

const ownSources = new Set(['manual', 'demo']);

export function SiteFooter() {
  const { t } = useTranslation();
  const config = usePublicConfig();
  const publicSources = (config.data?.sources ?? []).filter((source) => !ownSources.has(source.id));
  return (
    <footer className="site-footer">
      <div className="site-footer-inner">
        {publicSources.length > 0 ? (
          <p>
            {t('footer.sources', { titles: [...new Set(publicSources.map(sourceTitle))].join('') })}{' '}
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
