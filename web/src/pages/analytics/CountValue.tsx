/** One count of people as the area figures give it: the number, or the suppression mark (never an empty or zero cell). */
import { useTranslation } from 'react-i18next';
import type { CountCell } from '../../api/analytics';

/** The mark of a suppressed count, 「＊非表示」 (fewer than the API's threshold, or a count that would reveal one); the page's note says why. */
export function SuppressedMark({ threshold }: { threshold: number }) {
  const { t } = useTranslation('analytics');
  return (
    <span className="analytics-suppressed" title={t('suppressedTitle')}>
      {t('suppressed', { count: threshold })}
    </span>
  );
}

export function CountValue({ cell, threshold }: { cell: CountCell; threshold: number }) {
  if (cell.suppressed || cell.count === null) return <SuppressedMark threshold={threshold} />;
  return <>{cell.count.toLocaleString('ja-JP')}</>;
}

/** A table cell (stacked with its label on a phone) holding a count of people. */
export function CountCell({ cell, threshold, label }: { cell: CountCell; threshold: number; label: string }) {
  return (
    <td data-label={label} className={cell.suppressed ? 'analytics-cell-suppressed num' : 'num'}>
      <div className="cell">
        <CountValue cell={cell} threshold={threshold} />
      </div>
    </td>
  );
}

/** A table cell holding a number that is not a count of people (organisations, places): shown as it is. */
export function NumberCell({ value, label }: { value: number | string; label: string }) {
  return (
    <td data-label={label} className="num">
      <div className="cell">{typeof value === 'number' ? value.toLocaleString('ja-JP') : value}</div>
    </td>
  );
}
