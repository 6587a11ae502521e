/** 経過記録: everything that happened to the case, oldest first, with who did it (GET cases/:id/timeline). */
import { useTranslation } from 'react-i18next';
import { useCaseTimeline } from '../../api/cases';
import { formatDateTime } from '../../format';
import { ErrorAlert } from '../ErrorAlert';

export function CaseTimeline({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation('cases');
  const timeline = useCaseTimeline(caseId, true);
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
          <p className="timeline-summary">{event.summary}</p>
          <p className="timeline-actor small muted">
            {event.actorName
              ? [event.actorName, event.actorOrganizationName].filter(Boolean).join(' ・ ')
              : t('timeline.system')}
          </p>
        </li>
      ))}
    </ol>
  );
}
