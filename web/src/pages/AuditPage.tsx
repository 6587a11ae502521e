/**
 * 監査ログ: who did what to whom, when and from where (the server limits non-admins to their organisation). Each
 * row names its actor and its record in words; the log narrows by action, record type, actor and a date range in
 * Japan time. The filters live in the address, so a filtered log can be bookmarked or linked to.
 */
import { useState, type SubmitEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAuditLog, type AuditLogQuery } from '../api/audit';
import { useCurrentUser } from '../session';
import { usePageTitle } from '../usePageTitle';
import { TextField } from '../components/TextField';
import { FilterSelect } from '../components/FilterSelect';
import { ErrorAlert } from '../components/ErrorAlert';
import { DataTable } from '../components/DataTable';
import { LoadMore } from '../components/LoadMore';
import { AuditEventRow } from '../components/audit/AuditEventRow';
import '../components/audit/audit.css';
import ja from '../i18n/ja.json';

/** Every record type and action the server writes (audit-labels.test.ts keeps the labels and the writers in step). */
const entities = Object.keys(ja.audit.entities);
const actions = Object.keys(ja.audit.actions);

const filterKeys = ['entity', 'entityId', 'action', 'actorUserId', 'actor', 'from', 'to'] as const;

export function AuditPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  usePageTitle(t('audit.title'));
  const [params, setParams] = useSearchParams();
  const query: AuditLogQuery = Object.fromEntries(filterKeys.map((key) => [key, params.get(key) ?? undefined]));
  const actorName = params.get('actorName') ?? query.actorUserId ?? '';
  const [entity, setEntity] = useState(query.entity ?? '');
  const [action, setAction] = useState(query.action ?? '');
  const [actor, setActor] = useState(query.actor ?? '');
  const [from, setFrom] = useState(query.from ?? '');
  const [to, setTo] = useState(query.to ?? '');
  const list = useAuditLog(query);
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];
  const isFiltered = filterKeys.some((key) => params.get(key));

  /** The address for the form's values, keeping the narrowing to one actor or one record unless told otherwise. */
  const navigate = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams();
    const values: Record<string, string | undefined> = {
      entity,
      action,
      actor: actor.trim(),
      from,
      to,
      entityId: query.entityId,
      actorUserId: query.actorUserId,
      actorName: params.get('actorName') ?? undefined,
      ...changes,
    };
    for (const [key, value] of Object.entries(values)) if (value) next.set(key, value);
    setParams(next);
  };

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    navigate({});
  };

  const clear = () => {
    setEntity('');
    setAction('');
    setActor('');
    setFrom('');
    setTo('');
    setParams(new URLSearchParams());
  };

  return (
    <>
      <h1>{t('audit.title')}</h1>
      <p className="lead">{me.role === 'admin' ? t('audit.leadAdmin') : t('audit.leadOrganization')}</p>
      <form className="search-form audit-filters" onSubmit={submit} role="search" aria-label={t('audit.filterLabel')}>
        <FilterSelect
          label={t('audit.actionFilter')}
          value={action}
          onChange={setAction}
          options={actions.map((code) => ({ value: code, label: t(`audit.actions.${code}`) }))}
        />
        <FilterSelect
          label={t('audit.entity')}
          value={entity}
          onChange={setEntity}
          options={entities.map((code) => ({ value: code, label: t(`audit.entities.${code}`) }))}
        />
        <TextField
          label={t('audit.actorFilter')}
          value={actor}
          onChange={(event) => setActor(event.target.value)}
          autoComplete="off"
        />
        <div className="audit-dates">
          <TextField
            label={t('audit.from')}
            hint={t('audit.dateHint')}
            type="date"
            value={from}
            max={to || undefined}
            onChange={(event) => setFrom(event.target.value)}
          />
          <TextField
            label={t('audit.to')}
            hint={t('audit.dateHint')}
            type="date"
            value={to}
            min={from || undefined}
            onChange={(event) => setTo(event.target.value)}
          />
        </div>
        <div className="search-form-actions">
          <button type="submit" className="button">
            {t('common.search')}
          </button>
          {isFiltered ? (
            <button type="button" className="button button-secondary" onClick={clear}>
              {t('audit.clearFilters')}
            </button>
          ) : null}
        </div>
      </form>
      {query.actorUserId || query.entityId ? (
        <ul className="audit-chips">
          {query.actorUserId ? (
            <li>
              {t('audit.actorChip', { name: actorName })}
              <button
                type="button"
                className="button-link"
                aria-label={t('audit.removeActorFilter', { name: actorName })}
                onClick={() => navigate({ actorUserId: undefined, actorName: undefined })}
              >
                ×
              </button>
            </li>
          ) : null}
          {query.entityId ? (
            <li>
              {t('audit.entityId')}: <span className="mono">{query.entityId}</span>
              <button
                type="button"
                className="button-link"
                aria-label={t('audit.removeEntityFilter')}
                onClick={() => navigate({ entityId: undefined })}
              >
                ×
              </button>
            </li>
          ) : null}
        </ul>
      ) : null}
      <ErrorAlert error={list.error} />
      <div role="status" className="status-region">
        {list.isPending ? <p>{t('common.loading')}</p> : null}
        {list.isSuccess && rows.length === 0 ? <p>{t('audit.noResults')}</p> : null}
      </div>
      {rows.length > 0 ? (
        <DataTable id="audit-caption" caption={t('audit.caption')} className="data-table audit-table">
          <thead>
            <tr>
              <th scope="col">{t('audit.at')}</th>
              <th scope="col">{t('audit.actor')}</th>
              <th scope="col">{t('audit.action')}</th>
              <th scope="col">{t('audit.target')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((event) => (
              <AuditEventRow
                key={event.id}
                event={event}
                onActor={({ id, name }) => navigate({ actorUserId: id, actorName: name })}
              />
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
