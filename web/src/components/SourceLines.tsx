/** The 出典 lines of the data shown (each distinct source once), as the licences of the public data ask. */
import { useTranslation } from 'react-i18next';
import type { DataSource } from '../api/types';

export function SourceLines({ sources }: { sources: DataSource[] }) {
  const { t } = useTranslation();
  const unique = [...new Map(sources.map((source) => [source.id, source])).values()];
  if (unique.length === 0) return null;
  return (
    <div className="sources">
      <h2 className="sources-title">{t('sources.title')}</h2>
      <ul>
        {unique.map((source) => (
          <li key={source.id}>
            {source.attribution}
            {source.asOf ? <span className="muted">{t('sources.asOf', { asOf: source.asOf })}</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
