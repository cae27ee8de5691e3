import { useApp } from '../../context.js';

/** Core loads and their row errors belong here once the core bridge exists. */
export function CoreLoads() {
  const { t } = useApp();
  return <p class="muted">{t('coreLoads.pending')}</p>;
}
