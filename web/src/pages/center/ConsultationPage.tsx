/**
 * One consultation with the Center: the request (reasons, planned discharge, who asked, who handles it), the
 * link to its case, and the thread (the Center answers, the requester replies); close and reopen.
 */
import { useState, type SubmitEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import {
  useCloseConsultation,
  useConsultation,
  useIdempotencyKey,
  usePostConsultationMessage,
  useRefreshOnNotification,
} from '../../api/cases';
import { activeCaseStatuses } from '../../api/case-codes';
import { formatDate, formatDateTime } from '../../format';
import { useServerText } from '../../i18n/server-text';
import { useCurrentUser } from '../../session';
import { usePageTitle } from '../../usePageTitle';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Badge } from '../../components/Badge';
import { CaseStatusBadge, ConsultationStatusBadge, DaysLeft } from '../../components/cases/CaseBadges';
import { TextAreaField } from '../../components/cases/TextAreaField';
import { AssignButtons, ReasonBadges } from './CenterInboxPage';
import { consultationTitle } from './consultation-title';
import '../../components/cases/cases.css';
import { LinkedText } from '../../components/LinkedText';

export function ConsultationPage() {
  useRefreshOnNotification();
  const { t, i18n } = useTranslation('cases');
  const { id = '' } = useParams();
  const me = useCurrentUser();
  const consultation = useConsultation(id);
  const post = usePostConsultationMessage(id);
  const close = useCloseConsultation();
  const idempotency = useIdempotencyKey();
  const [text, setText] = useState('');
  const [isEmpty, setEmpty] = useState(false);
  const isCenter = me.role === 'center_coordinator';
  const serverText = useServerText();
  const data = consultation.data;
  const subject = data ? serverText.consultationSubject(data) : null;
  // A case's consultation is named by its patient (its subject names only the hospital, the same for every case).
  const title = data && subject !== null ? consultationTitle(data, subject, t) : null;
  usePageTitle(title ?? t('consultation.title'));

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const body = text.trim();
    setEmpty(!body);
    if (!body) return;
    post.mutate(
      { body, key: idempotency.keyFor(body) },
      {
        onSuccess: () => {
          idempotency.reset();
          setText('');
        },
      },
    );
  };

  return (
    <>
      <p className="breadcrumb">
        <Link to={isCenter ? '/center' : '/consultations'}>{isCenter ? t('center.title') : t('desk.title')}</Link>
      </p>
      {consultation.isPending ? <p role="status">{t('common.loading')}</p> : null}
      {consultation.isError ? (
        <>
          <h1>{t('consultation.title')}</h1>
          <ErrorAlert error={consultation.error} />
        </>
      ) : null}
      {data ? (
        <>
          <h1>
            {title} <ConsultationStatusBadge status={data.status} />
          </h1>
          <dl className="facts">
            {data.patient ? (
              <div>
                <dt>{t('consultation.patient')}</dt>
                <dd>
                  {data.patient.name}
                  {t('common.inParentheses', { text: data.patient.nameKana })}
                </dd>
              </div>
            ) : null}
            <div>
              <dt>{t('consultation.kind')}</dt>
              <dd>{data.kind === 'case' ? t('center.kindCase') : t('center.kindGeneral')}</dd>
            </div>
            <div>
              <dt>{t('consultation.requester')}</dt>
              <dd>{data.requesterName ?? t('general.notRecorded')}</dd>
            </div>
            <div>
              <dt>{t('consultation.received')}</dt>
              <dd>
                {formatDateTime(data.createdAt, i18n.language)}{' '}
                <Badge>
                  {data.ageDays === 0 ? t('center.ageToday') : t('center.ageDays', { count: data.ageDays })}
                </Badge>
              </dd>
            </div>
            {data.kind === 'case' ? (
              <div>
                <dt>{t('center.reasons')}</dt>
                <dd>
                  <ReasonBadges consultation={data} />
                </dd>
              </div>
            ) : null}
            {data.dischargedOn ? (
              <div>
                <dt>{t('caseHeader.dischargedOn')}</dt>
                <dd>
                  {formatDate(data.dischargedOn, i18n.language)}{' '}
                  {data.caseStatus ? <CaseStatusBadge status={data.caseStatus} /> : null}
                </dd>
              </div>
            ) : data.plannedDischargeDate ? (
              <div>
                <dt>{t('center.discharge')}</dt>
                <dd>
                  {formatDate(data.plannedDischargeDate, i18n.language)}{' '}
                  <DaysLeft
                    date={data.plannedDischargeDate}
                    isDone={
                      data.status === 'closed' ||
                      (data.caseStatus != null && !activeCaseStatuses.includes(data.caseStatus))
                    }
                  />{' '}
                  {data.caseStatus ? <CaseStatusBadge status={data.caseStatus} /> : null}
                </dd>
              </div>
            ) : null}
            <div>
              <dt>{t('center.assignee')}</dt>
              <dd>
                <span className="block">{data.assigneeName ?? t('center.unassigned')}</span>
                {isCenter ? <AssignButtons consultation={data} /> : null}
              </dd>
            </div>
          </dl>
          {data.caseId ? (
            <p className="section">
              <Link to={`/cases/${data.caseId}`} className="button">
                {t('consultation.openCase')}
              </Link>
            </p>
          ) : null}

          <section className="section" aria-labelledby="consultation-thread">
            <h2 id="consultation-thread">{t('consultation.thread')}</h2>
            {data.messages.length === 0 ? (
              <p className="muted">{t('consultation.noMessages')}</p>
            ) : (
              <ol className="message-list">
                {data.messages.map((message) => (
                  <li key={message.id} className={message.isFromCenter ? 'message is-center' : 'message'}>
                    <p className="message-meta">
                      <strong>{message.authorName ?? t('messages.unknownAuthor')}</strong>
                      {message.authorOrganizationName ? ` ・ ${message.authorOrganizationName}` : ''}{' '}
                      {message.isFromCenter ? <Badge tone="ok">{t('consultation.fromCenter')}</Badge> : null}{' '}
                      <time dateTime={message.createdAt} className="muted">
                        {formatDateTime(message.createdAt, i18n.language)}
                      </time>
                    </p>
                    <p className="message-body">
                      <LinkedText text={message.body} />
                    </p>
                  </li>
                ))}
              </ol>
            )}
            {data.status !== 'closed' ? (
              <form className="action-form" onSubmit={submit} noValidate>
                <TextAreaField
                  label={isCenter ? t('consultation.answerLabel') : t('consultation.replyLabel')}
                  rows={4}
                  value={text}
                  onChange={(event) => setText(event.target.value)}
                  maxLength={4000}
                  error={isEmpty ? t('messages.emptyText') : undefined}
                />
                <ErrorAlert error={post.error} showDetails />
                <button type="submit" className="button" disabled={post.isPending}>
                  {isCenter ? t('consultation.answer') : t('consultation.reply')}
                </button>
              </form>
            ) : (
              <p className="muted">{t('consultation.closedNote')}</p>
            )}
            <div className="action-bar section">
              <button
                type="button"
                className="button button-secondary"
                disabled={close.isPending}
                onClick={() =>
                  close.mutate({
                    id: data.id,
                    event: data.status === 'closed' ? 'reopen' : 'close',
                    version: data.version,
                  })
                }
              >
                {data.status === 'closed' ? t('consultation.reopen') : t('consultation.close')}
              </button>
              <ErrorAlert error={close.error} />
            </div>
          </section>
        </>
      ) : null}
    </>
  );
}
