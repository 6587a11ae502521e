/** The 出典 lines of the data shown (each distinct source once), as the licences of the public data ask. */
import { useTranslation } from 'react-i18next';
import type { DataSource } from '../api/types';
import { useServerText } from '../i18n/server-text';

export function SourceLines({ sources }: { sources: DataSource[] }) {
  const { t } = useTranslation();
  const serverText = useServerText();
  const unique = [...new Map(sources.map((source) => [source.id, source])).values()];
  if (unique.length === 0) return null;
  return (
    <div className="sources">
      <h2 className="sources-title">{t('sources.title')}</h2>
      <ul>
        {unique.map((source) => {
          const text = serverText.dataSource(source);
          return (
            <li key={source.id}>
              {text.attribution}
              {text.asOf ? <span className="muted">{t('sources.asOf', { asOf: text.asOf })}</span> : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
