/**
 * 相談窓口 (professionals other than the Center): ask the Center a question not tied to a patient, and follow the
 * threads of the organisation's own consultations (case consultations of a hospital appear here too, named by
 * the patient with the planned discharge date).
 */
import { useState, type SubmitEvent } from 'react';
import { Link, Navigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import {
  useCreateConsultation,
  useIdempotencyKey,
  useOwnConsultations,
  useRefreshOnNotification,
} from '../../api/cases';
import { formatDate, formatDateTime } from '../../format';
import { useServerText } from '../../i18n/server-text';
import { useCurrentUser } from '../../session';
import { usePageTitle } from '../../usePageTitle';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusMessage } from '../../components/StatusMessage';
import { TextField } from '../../components/TextField';
import { ConsultationStatusBadge } from '../../components/cases/CaseBadges';
import { TextAreaField } from '../../components/cases/TextAreaField';
import { consultationMeta, consultationTitle } from './consultation-title';
import '../../components/cases/cases.css';

function NewConsultationForm() {
  const { t } = useTranslation('cases');
  const create = useCreateConsultation();
  const idempotency = useIdempotencyKey();
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [errors, setErrors] = useState<{ subject?: boolean; body?: boolean }>({});
  const [done, setDone] = useState<string | null>(null);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const found = { subject: !subject.trim(), body: !body.trim() };
    setErrors(found);
    if (found.subject || found.body) return;
    setDone(null);
    const request = { subject: subject.trim(), body: body.trim() };
    create.mutate(
      { body: request, key: idempotency.keyFor(request) },
      {
        onSuccess: () => {
          idempotency.reset();
          setSubject('');
          setBody('');
          setDone(t('desk.sent'));
        },
      },
    );
  };
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="desk-new">
      <h2 id="desk-new">{t('desk.newTitle')}</h2>
      <p className="small muted">{t('desk.newLead')}</p>
      <TextField
        label={t('desk.subject')}
        required
        maxLength={200}
        value={subject}
        onChange={(event) => setSubject(event.target.value)}
        error={errors.subject ? t('desk.subjectRequired') : undefined}
      />
      <TextAreaField
        label={t('desk.body')}
        hint={t('desk.bodyHint')}
        required
        rows={5}
        value={body}
        onChange={(event) => setBody(event.target.value)}
        error={errors.body ? t('desk.bodyRequired') : undefined}
      />
      <ErrorAlert error={create.error} showDetails />
      <button type="submit" className="button" disabled={create.isPending}>
        {t('desk.submit')}
      </button>
      <StatusMessage message={done} />
    </form>
  );
}

export function ConsultationsPage() {
  useRefreshOnNotification();
  const { t, i18n } = useTranslation('cases');
  const serverText = useServerText();
  usePageTitle(t('desk.title'));
  const me = useCurrentUser();
  const own = useOwnConsultations();
  if (me.role === 'center_coordinator') return <Navigate to="/center" replace />;
  // Newest first: the question just asked is on top.
  const items = [...(own.data?.items ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <>
      <h1>{t('desk.title')}</h1>
      <p className="lead">{t('desk.lead')}</p>
      <NewConsultationForm />
      <section className="section" aria-labelledby="desk-list">
        <h2 id="desk-list">{t('desk.listTitle')}</h2>
        {me.role === 'hospital_liaison' ? <p className="small muted">{t('desk.listLead')}</p> : null}
        <ErrorAlert error={own.error} />
        {own.isPending ? <p>{t('common.loading')}</p> : null}
        {own.isSuccess && items.length === 0 ? <p className="muted">{t('desk.none')}</p> : null}
        {items.length > 0 ? (
          <ul className="consultation-list">
            {items.map((consultation) => (
              <li key={consultation.id}>
                {/* A case's consultation by its patient: the hospital's subjects all name the hospital alone. */}
                <Link to={`/consultations/${consultation.id}`}>
                  {consultationTitle(consultation, serverText.consultationSubject(consultation), t)}
                </Link>{' '}
                <ConsultationStatusBadge status={consultation.status} />
                <span className="muted small block">
                  {consultationMeta(consultation, t, {
                    date: (value) => formatDate(value, i18n.language),
                    dateTime: (value) => formatDateTime(value, i18n.language),
                  })}
                </span>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    </>
  );
}
