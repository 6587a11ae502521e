/** A list of codes shown as their labels (tags), or 「なし」. */
import { useTranslation } from 'react-i18next';

type Props = { codes: readonly string[]; labelKey: string };

/** `labelKey` is the i18n prefix, e.g. `codes.procedure` (shared) or `codes.welfareIssue` (cases). */
export function CodeTags({ codes, labelKey }: Props) {
  const { t } = useTranslation('cases');
  if (codes.length === 0) return <span className="muted">{t('general.none')}</span>;
  return (
    <ul className="tag-list">
      {codes.map((code) => (
        <li key={code}>{t(`${labelKey}.${code}`)}</li>
      ))}
    </ul>
  );
}
