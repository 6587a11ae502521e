/** 監査ログ: who read or changed what, when and from where (the server limits non-admins to their organisation). */
import { useState, type SubmitEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAuditEvents } from '../api/queries';
import type { AuditEvent } from '../api/types';
import { formatDateTime } from '../format';
import { useCurrentUser } from '../session';
import { usePageTitle } from '../usePageTitle';
import { TextField } from '../components/TextField';
import { FilterSelect } from '../components/FilterSelect';
import { ErrorAlert } from '../components/ErrorAlert';
import { DataTable } from '../components/DataTable';
import { LoadMore } from '../components/LoadMore';
import ja from '../i18n/ja.json';

/** Every record type the server writes (audit-labels.test.ts keeps the labels and the server's writers in step). */
const entities = Object.keys(ja.audit.entities);

/** Sign-in attempts that failed: the account is known, the person at the keyboard is not. */
const failedSignInActions = new Set(['login_failed', 'mfa_failed']);

/**
 * Who did it. Sign-in rows are written before a session exists, so they carry no actor: the one signing in is the
 * user the row is about (its record ID) — unless the attempt failed, which proves nothing about who was typing.
 */
function actorKey(event: AuditEvent): 'named' | 'self' | 'unverified' | 'none' {
  if (event.actorName) return 'named';
  if (event.actorUserId === null && event.entity === 'user' && event.entityId) {
    return failedSignInActions.has(event.action) ? 'unverified' : 'self';
  }
  return 'none';
}

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  usePageTitle(t('audit.title'));
  const [params, setParams] = useSearchParams();
  const query = { entity: params.get('entity') ?? undefined, entityId: params.get('entityId') ?? undefined };
  const [entity, setEntity] = useState(query.entity ?? '');
  const [entityId, setEntityId] = useState(query.entityId ?? '');
  const list = useAuditEvents(query);
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];
  const actorLabel = (event: AuditEvent) => {
    switch (actorKey(event)) {
      case 'named':
        return event.actorName;
      case 'self':
        return t('audit.subjectSelf');
      case 'unverified':
        return t('audit.unverifiedActor');
      case 'none':
        return t('audit.unknownActor');
    }
  };

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (entity) next.set('entity', entity);
    if (entityId.trim()) next.set('entityId', entityId.trim());
    setParams(next);
  };

  return (
    <>
      <h1>{t('audit.title')}</h1>
      <p className="lead">{me.role === 'admin' ? t('audit.leadAdmin') : t('audit.leadOrganization')}</p>
      <form className="search-form" onSubmit={submit} role="search" aria-label={t('audit.filterLabel')}>
        <FilterSelect
          label={t('audit.entity')}
          value={entity}
          onChange={setEntity}
          options={entities.map((code) => ({ value: code, label: t(`audit.entities.${code}`) }))}
        />
        <TextField label={t('audit.entityId')} value={entityId} onChange={(event) => setEntityId(event.target.value)} />
        <div className="search-form-actions">
          <button type="submit" className="button">
            {t('common.search')}
          </button>
        </div>
      </form>
      <ErrorAlert error={list.error} />
      <div role="status" className="status-region">
        {list.isPending ? <p>{t('common.loading')}</p> : null}
        {list.isSuccess && rows.length === 0 ? <p>{t('audit.noResults')}</p> : null}
      </div>
      {rows.length > 0 ? (
        <DataTable id="audit-caption" caption={t('audit.caption')}>
          <thead>
            <tr>
              <th scope="col">{t('audit.at')}</th>
              <th scope="col">{t('audit.actor')}</th>
              <th scope="col">{t('audit.action')}</th>
              <th scope="col">{t('audit.entity')}</th>
              <th scope="col">{t('audit.entityId')}</th>
              <th scope="col">{t('audit.ip')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((event) => (
              <tr key={event.id}>
                <th scope="row" className="nowrap">
                  {formatDateTime(event.at, i18n.language)}
                </th>
                <td data-label={t('audit.actor')}>{actorLabel(event)}</td>
                <td data-label={t('audit.action')}>
                  {t(`audit.actions.${event.action}`, { defaultValue: event.action })}
                </td>
                <td data-label={t('audit.entity')}>
                  {t(`audit.entities.${event.entity}`, { defaultValue: event.entity })}
                </td>
                <td data-label={t('audit.entityId')} className="mono" style={{ overflowWrap: 'anywhere' }}>
                  {event.entityId ?? t('common.none')}
                </td>
                <td data-label={t('audit.ip')} className="mono" style={{ overflowWrap: 'anywhere' }}>
                  {event.ip ?? t('common.none')}
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      ) : null}
      <LoadMore
        hasNextPage={list.hasNextPage}
        isFetchingNextPage={list.isFetchingNextPage}
        onLoadMore={() => void list.fetchNextPage()}
      />
    </>
  );
}
