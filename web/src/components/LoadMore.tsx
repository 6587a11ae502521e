/** 「さらに表示」: fetches the next page of a cursor-paginated list. */
import { useTranslation } from 'react-i18next';

type Props = { hasNextPage: boolean; isFetchingNextPage: boolean; onLoadMore: () => void };

export function LoadMore({ hasNextPage, isFetchingNextPage, onLoadMore }: Props) {
  const { t } = useTranslation();
  if (!hasNextPage) return null;
  return (
    <p className="load-more">
      <button type="button" className="button button-secondary" onClick={onLoadMore} disabled={isFetchingNextPage}>
        {isFetchingNextPage ? t('common.loading') : t('common.loadMore')}
      </button>
    </p>
  );
}
