/** Small text badges: meaning is in the words, colour only helps (デモ, デモ値, 要確認). */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

type Tone = 'neutral' | 'demo' | 'warning' | 'ok' | 'danger';

export function Badge({ tone = 'neutral', children, title }: { tone?: Tone; children: ReactNode; title?: string }) {
  return (
    <span className={`badge badge-${tone}`} title={title}>
      {children}
    </span>
  );
}

/** 「デモ」: an organisation added for the demo (not in the public data). */
export function DemoBadge() {
  const { t } = useTranslation();
  return (
    <Badge tone="demo" title={t('badges.demoTitle')}>
      {t('badges.demo')}
    </Badge>
  );
}

/** 「デモ値」: capability or availability values invented for the demo. */
export function DemoValueBadge() {
  const { t } = useTranslation();
  return (
    <Badge tone="demo" title={t('badges.demoValueTitle')}>
      {t('badges.demoValue')}
    </Badge>
  );
}

/** 「要確認」: availability older than the configured number of days. */
export function StaleBadge() {
  const { t } = useTranslation();
  return (
    <Badge tone="warning" title={t('badges.staleTitle')}>
      {t('badges.stale')}
    </Badge>
  );
}
