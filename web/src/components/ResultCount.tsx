/**
 * The live line above a list: 「読み込み中…」 while it loads, then how many rows are shown — or that there are
 * none. Always rendered, so that a screen reader announces the change.
 */
import { useTranslation } from 'react-i18next';

type Props = {
  isPending: boolean;
  isSuccess: boolean;
  count: number;
  /** More rows can be loaded: `shownMore` is said instead of `shown`. */
  hasMore?: boolean;
  /** The texts, already translated (with the count where they take one). */
  none: string;
  shown: string;
  shownMore?: string;
};

export function ResultCount({ isPending, isSuccess, count, hasMore = false, none, shown, shownMore = shown }: Props) {
  const { t } = useTranslation();
  return (
    <div role="status" className="status-region">
      {isPending ? (
        <p>{t('common.loading')}</p>
      ) : isSuccess ? (
        <p className="result-count">{count === 0 ? none : hasMore ? shownMore : shown}</p>
      ) : null}
    </div>
  );
}
