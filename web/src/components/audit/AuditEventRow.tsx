/**
 * One audit row: when, who (a button narrowing the log to that person), what in words, to whom — a user by name
 * and e-mail, an organisation by name, a case as 「ケース」 with its hospital and, for those who may open it, a
 * link — and the rest collapsed under 詳細. On a phone the row is a compact card (audit.css).
 */
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { AuditLogEvent } from '../../api/audit';
import { formatDateTime } from '../../format';
import { describeAuditEvent } from './describeAuditEvent';

/** Sign-in attempts that failed: the account is known, the person at the keyboard is not. */
const failedSignInActions = new Set(['login_failed', 'mfa_failed']);

type Props = {
  event: AuditLogEvent;
  onActor: (actor: { id: string; name: string }) => void;
};

export function AuditEventRow({ event, onActor }: Props) {
  const { t, i18n } = useTranslation();
  const { summary, notes } = describeAuditEvent(event, t);
  const entityLabel = t(`audit.entities.${event.entity}`, { defaultValue: event.entity });

  const actor = (() => {
    if (event.actorName && event.actorUserId) {
      const { actorUserId: id, actorName: name } = event;
      return (
        <>
          <button
            type="button"
            className="button-link"
            title={t('audit.filterByActor', { name })}
            onClick={() => onActor({ id, name })}
          >
            {name}
          </button>
          {event.actorOrganizationName ? <span className="audit-sub">{event.actorOrganizationName}</span> : null}
        </>
      );
    }
    // Sign-in rows are written before a session exists: the one signing in is the user the row is about, unless
    // the attempt failed, which proves nothing about who was typing.
    if (event.actorUserId === null && event.entity === 'user') {
      return failedSignInActions.has(event.action) ? t('audit.unverifiedActor') : t('audit.subjectSelfShort');
    }
    return t('audit.unknownActor');
  })();

  const target = (() => {
    const found = event.target;
    if (event.entity === 'user' && event.entityId === null && failedSignInActions.has(event.action)) {
      return <span className="audit-muted">{t('audit.unknownAccount')}</span>;
    }
    if (!found) return <span>{entityLabel}</span>;
    if (found.kind === 'case') {
      const label = found.organizationName
        ? t('audit.caseOfHospital', { hospital: found.organizationName })
        : t('audit.targetCase');
      return found.canOpen && event.entityId ? (
        <Link to={`/cases/${event.entityId}`} aria-label={`${label} — ${t('audit.openCase')}`}>
          {label}
        </Link>
      ) : (
        <span>{label}</span>
      );
    }
    if (!found.name) {
      return (
        <span>
          {entityLabel}
          <span className="audit-sub audit-muted">{t('audit.missingRecord')}</span>
        </span>
      );
    }
    return (
      <span>
        <span className="audit-kind">{entityLabel}</span> {found.name}
        {found.email ? <span className="audit-sub">{found.email}</span> : null}
        {found.kind === 'user' && found.organizationName ? (
          <span className="audit-sub">{found.organizationName}</span>
        ) : null}
      </span>
    );
  })();

  return (
    <tr className="audit-row">
      <th scope="row" className="audit-at">
        <time dateTime={event.at}>{formatDateTime(event.at, i18n.language)}</time>
      </th>
      <td className="audit-actor" data-label={t('audit.actor')}>
        {actor}
      </td>
      <td className="audit-action" data-label={t('audit.action')}>
        <span className="audit-summary">{summary}</span>
        <details className="audit-details">
          <summary>{t('audit.details')}</summary>
          <ul>
            {notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
            {event.entityId ? (
              <li>
                {t('audit.recordId')}: <span className="mono">{event.entityId}</span>
              </li>
            ) : null}
            <li>
              {t('audit.ip')}: <span className="mono">{event.ip ?? t('common.none')}</span>
            </li>
            {event.requestId ? (
              <li>
                {t('audit.requestId')}: <span className="mono">{event.requestId}</span>
              </li>
            ) : null}
          </ul>
        </details>
      </td>
      <td className="audit-target" data-label={t('audit.target')}>
        {target}
      </td>
    </tr>
  );
}
