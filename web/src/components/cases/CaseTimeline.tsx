/** 経過記録: everything that happened to the case, oldest first, with who did it (GET cases/:id/timeline). */
import { useTranslation } from 'react-i18next';
import { useCaseTimeline } from '../../api/cases';
import { formatDateTime } from '../../format';
import { ErrorAlert } from '../ErrorAlert';
import { useServerText } from '../../i18n/server-text';

export function CaseTimeline({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation('cases');
  const timeline = useCaseTimeline(caseId, true);
  const serverText = useServerText();
  if (timeline.isPending) return <p>{t('common.loading')}</p>;
  if (timeline.isError) return <ErrorAlert error={timeline.error} />;
  const items = timeline.data.items;
  if (items.length === 0) return <p className="muted">{t('timeline.empty')}</p>;
  return (
    <ol className="timeline">
      {items.map((event) => (
        <li key={event.id} className={`timeline-item timeline-${event.kind}`}>
          <time dateTime={event.at} className="timeline-time">
            {formatDateTime(event.at, i18n.language)}
          </time>
          <p className="timeline-summary">{serverText.timeline(event)}</p>
          <p className="timeline-actor small muted">
            {event.actorName
              ? [event.actorName, event.actorOrganizationName].filter(Boolean).join(t('common.spacedSeparator'))
              : t('timeline.system')}
          </p>
        </li>
      ))}
    </ol>
  );
}
