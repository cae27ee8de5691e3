import { useApp } from '../context.js';

/** Previous and next page of a `{items, total, limit, offset}` list. */
export function Pager({ total, limit, offset, onOffset }: { total: number; limit: number; offset: number; onOffset: (offset: number) => void }) {
  const { t } = useApp();
  if (total === 0) return null;
  return (
    <nav class="pager" aria-label={t('paging.range', { from: offset + 1, to: Math.min(offset + limit, total), total })}>
      <button type="button" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - limit))}>
        ‹ {t('paging.previous')}
      </button>
      <span aria-live="polite">{t('paging.range', { from: offset + 1, to: Math.min(offset + limit, total), total })}</span>
      <button type="button" disabled={offset + limit >= total} onClick={() => onOffset(offset + limit)}>
        {t('paging.next')} ›
      </button>
    </nav>
  );
}
