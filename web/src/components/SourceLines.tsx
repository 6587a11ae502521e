/**
 * The 出典 lines of the data shown (each distinct line once), as the licences of the public data ask: publisher, title,
 * 「を加工して作成」, licence and date (source-lines.ts). The notes on each source are on the data page (/about/data).
 */
import { useTranslation } from 'react-i18next';
import type { DataSource } from '../api/types';
import { useServerText } from '../i18n/server-text';
import { sourceLines } from './source-lines';

export function SourceLines({ sources }: { sources: DataSource[] }) {
  const { t, i18n } = useTranslation();
  const serverText = useServerText();
  const lines = sourceLines(sources, i18n.language === 'en' ? 'en' : 'ja', serverText.dataSource, (key, params) =>
    t(key, params),
  );
  if (lines.length === 0) return null;
  return (
    <div className="sources">
      <h2 className="sources-title">{t('sources.title')}</h2>
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
