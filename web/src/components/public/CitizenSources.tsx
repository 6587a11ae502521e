/** 出典 on the citizens' search page: source, licence and as-of date in plain words (citizen-sources.ts). */
import { useTranslation } from 'react-i18next';
import type { DataSource } from '../../api/types';
import { useServerText } from '../../i18n/server-text';
import { citizenSourceLines } from './citizen-sources';

export function CitizenSources({ sources }: { sources: readonly DataSource[] }) {
  const { t, i18n } = useTranslation('public');
  const { t: common } = useTranslation();
  const serverText = useServerText();
  const lines = citizenSourceLines(
    sources,
    i18n.language === 'en' ? 'en' : 'ja',
    serverText.dataSource,
    (key, params) => common(key, params),
  );
  if (lines.length === 0) return null;
  return (
    <div className="sources">
      <h2 className="sources-title">{t('sources.title')}</h2>
      <p className="small">{t('sources.note')}</p>
      <ul>
        {lines.map((line) => (
          <li key={line.id} lang={line.lang}>
            {line.text}
          </li>
        ))}
      </ul>
    </div>
  );
}
