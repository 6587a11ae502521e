/**
 * データの出典とこのシステムについて: every source in full — its 出典 as shown under the data, licence, date, and the notes
 * the short lines leave out (intermediate processing, how sure a date or a figure is) — and what Renkei is.
 */
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { usePublicConfig } from '../api/queries';
import { usePageTitle } from '../usePageTitle';
import { ErrorAlert } from '../components/ErrorAlert';
import { useServerText } from '../i18n/server-text';

export function AboutDataPage() {
  const { t, i18n } = useTranslation();
  const serverText = useServerText();
  usePageTitle(t('about.title'));
  const config = usePublicConfig();
  return (
    <>
      <h1>{t('about.title')}</h1>
      <section aria-labelledby="about-system" className="section">
        <h2 id="about-system">{t('about.systemTitle')}</h2>
        <p>{t('about.systemText')}</p>
        {config.data?.demo ? <p className="alert alert-info">{t('about.demoText')}</p> : null}
      </section>
      <section aria-labelledby="about-sources" className="section">
        <h2 id="about-sources">{t('about.sourcesTitle')}</h2>
        <p>{t('about.sourcesText')}</p>
        <ErrorAlert error={config.error} />
        {config.data ? (
          <ul className="source-list">
            {config.data.sources.map((source) => {
              const text = serverText.dataSource(source);
              const named = i18n.language === 'en' ? text.named : null;
              return (
                <li key={source.id} className="card">
                  <p className="source-attribution" lang={named ? 'en' : 'ja'}>
                    {named ? t('sources.named', { publisher: named.publisher, title: named.title }) : text.attribution}
                  </p>
                  <dl className="facts facts-compact">
                    {named ? (
                      <div>
                        <dt>{t('about.attributionAsPublished')}</dt>
                        <dd lang="ja">{text.attribution}</dd>
                      </div>
                    ) : null}
                    <div>
                      <dt>{t('about.license')}</dt>
                      <dd>{text.license ?? t('common.none')}</dd>
                    </div>
                    <div>
                      <dt>{t('about.asOf')}</dt>
                      <dd>{text.asOf ?? t('common.none')}</dd>
                    </div>
                    {text.note ? (
                      <div>
                        <dt>{t('about.note')}</dt>
                        <dd>{text.note}</dd>
                      </div>
                    ) : null}
                  </dl>
                </li>
              );
            })}
          </ul>
        ) : null}
      </section>
      <p>
        <Link to="/">{t('common.backHome')}</Link>
      </p>
    </>
  );
}
