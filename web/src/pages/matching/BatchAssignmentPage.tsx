/**
 * 一括割り当て (/matching, the Center): choose a role and a week of planned discharges, see the open cases, ask for a
 * proposal that spreads the load (min-cost flow) and read it beside the greedy "nearest willing" choice with the
 * differences (max load, spread, total distance), adjust it row by row, and send every referral in one action.
 * Proposals the waiting list made when an organisation freed room open here too (?proposal=<id>).
 */
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { TeamRole } from '../../api/case-codes';
import { referableRoles, useOpenCases, useProposals, usePropose, type OpenCase } from '../../api/matching';
import { formatDate, formatDateTime } from '../../format';
import { usePageTitle } from '../../usePageTitle';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { Badge } from '../../components/Badge';
import { LoadMore } from '../../components/LoadMore';
import { ProposalView } from './ProposalView';
import { useServerText } from '../../i18n/server-text';
import { addDays, isIsoDate, todayInTokyo, weekOf } from './week';
import './matching.css';

function OpenCaseRow({
  item,
  isChosen,
  onToggle,
}: {
  item: OpenCase;
  isChosen: boolean;
  onToggle: (id: string) => void;
}) {
  const { t, i18n } = useTranslation('matching');
  const serverText = useServerText();
  const checkboxId = `open-case-${item.id}`;
  return (
    <tr>
      <td>
        <input
          type="checkbox"
          id={checkboxId}
          checked={isChosen}
          onChange={() => onToggle(item.id)}
          aria-label={t('batch.include', { name: item.patientName })}
        />
      </td>
      <th scope="row">
        <label htmlFor={checkboxId}>{item.patientName}</label>
        <span className="muted small block">{item.hospitalName}</span>
      </th>
      <td data-label={t('batch.discharge')}>
        <div className="cell nowrap">{formatDate(item.plannedDischargeDate, i18n.language)}</div>
      </td>
      <td data-label={t('batch.area')}>
        <div className="cell">{item.areaName ? serverText.wardName(item.areaName) : t('batch.noArea')}</div>
      </td>
      <td data-label={t('batch.needs')}>
        <div className="cell">
          <span className="badge-row">
            {item.groups.map((group) => (
              <Badge key={group}>{t(`codes.patientGroup.${group}`)}</Badge>
            ))}
            {item.procedures.map((procedure) => (
              <Badge key={procedure} tone="warning">
                {t(`codes.procedure.${procedure}`)}
              </Badge>
            ))}
          </span>
        </div>
      </td>
      <td data-label={t('batch.notes')}>
        <div className="cell small">
          {item.pendingReferrals > 0 ? (
            <span className="block">{t('batch.pending', { count: item.pendingReferrals })}</span>
          ) : null}
          {!item.isLocated ? <span className="block text-warning">{t('batch.notLocated')}</span> : null}
          {!item.hasReferralConsent ? <span className="block text-warning">{t('batch.noConsent')}</span> : null}
        </div>
      </td>
    </tr>
  );
}

function ProposalBuilder({
  role,
  week,
  onRole,
  onWeek,
  onProposal,
}: {
  role: TeamRole;
  week: { from: string; to: string };
  onRole: (role: TeamRole) => void;
  onWeek: (date: string) => void;
  onProposal: (id: string) => void;
}) {
  const { t, i18n } = useTranslation('matching');
  const open = useOpenCases(role, week.from, week.to);
  const propose = usePropose();
  const [excluded, setExcluded] = useState<Set<string>>(new Set());
  const items = open.data?.items ?? [];
  const chosen = items.filter((item) => !excluded.has(item.id)).map((item) => item.id);
  const toggle = (id: string) =>
    setExcluded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <section className="section" aria-labelledby="builder-title">
      <h2 id="builder-title">{t('batch.builderTitle')}</h2>
      <div className="search-form" role="group" aria-label={t('batch.filterLabel')}>
        <SelectField
          label={t('batch.role')}
          value={role}
          onChange={(event) => {
            setExcluded(new Set());
            onRole(event.target.value as TeamRole);
          }}
        >
          {referableRoles.map((code) => (
            <option key={code} value={code}>
              {t(`roles.${code}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('batch.weekOf')}
          type="date"
          value={week.from}
          onChange={(event) => {
            if (isIsoDate(event.target.value)) {
              setExcluded(new Set());
              onWeek(event.target.value);
            }
          }}
          hint={t('batch.weekHint', {
            from: formatDate(week.from, i18n.language),
            to: formatDate(week.to, i18n.language),
          })}
        />
        <div className="search-form-actions">
          <button type="button" className="button button-secondary" onClick={() => onWeek(addDays(week.from, -7))}>
            {t('batch.previousWeek')}
          </button>
          <button type="button" className="button button-secondary" onClick={() => onWeek(addDays(week.from, 7))}>
            {t('batch.nextWeek')}
          </button>
        </div>
      </div>

      <ErrorAlert error={open.error} />
      <div role="status" className="status-region">
        {open.isPending ? (
          <p>{t('common.loading')}</p>
        ) : open.isSuccess ? (
          <p className="result-count">
            {items.length === 0
              ? t('batch.noOpenCases', { role: t(`roles.${role}`) })
              : t('batch.openCount', { count: items.length, chosen: chosen.length, role: t(`roles.${role}`) })}
          </p>
        ) : null}
      </div>

      {items.length > 0 ? (
        <div className="table-wrap" role="region" aria-labelledby="open-caption" tabIndex={0}>
          <table className="data-table stack-on-phone">
            <caption id="open-caption">{t('batch.openCaption', { role: t(`roles.${role}`) })}</caption>
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">{t('batch.choose')}</span>
                </th>
                <th scope="col">{t('batch.patient')}</th>
                <th scope="col">{t('batch.discharge')}</th>
                <th scope="col">{t('batch.area')}</th>
                <th scope="col">{t('batch.needs')}</th>
                <th scope="col">{t('batch.notes')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <OpenCaseRow key={item.id} item={item} isChosen={!excluded.has(item.id)} onToggle={toggle} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      <div className="form-actions">
        <button
          type="button"
          className="button"
          disabled={chosen.length === 0 || propose.isPending}
          onClick={() =>
            propose.mutate({ role, caseIds: chosen }, { onSuccess: (proposal) => onProposal(proposal.id) })
          }
        >
          {propose.isPending ? t('batch.proposing') : t('batch.propose', { count: chosen.length })}
        </button>
      </div>
      <ErrorAlert error={propose.error} showDetails />
      <p className="muted small">{t('batch.howItWorks')}</p>
    </section>
  );
}

function RecentProposals({ current }: { current: string | null }) {
  const { t, i18n } = useTranslation('matching');
  const proposals = useProposals();
  const items = proposals.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="section" aria-labelledby="recent-title">
      <h2 id="recent-title">{t('batch.recentTitle')}</h2>
      <ErrorAlert error={proposals.error} />
      {proposals.isSuccess && items.length === 0 ? <p className="muted">{t('batch.noRecent')}</p> : null}
      {items.length > 0 ? (
        <ul className="plain-list recent-proposals">
          {items.map((item) => (
            <li key={item.id}>
              <Link to={`/matching?proposal=${item.id}`} aria-current={item.id === current ? 'page' : undefined}>
                {t('batch.recentItem', {
                  role: t(`roles.${item.role}`),
                  at: formatDateTime(item.createdAt, i18n.language),
                  assigned: item.assignedCount,
                  cases: item.caseCount,
                })}
              </Link>{' '}
              {item.source === 'waitlist' ? (
                <Badge tone="ok">{t('batch.fromWaitlist', { name: item.trigger?.organizationName ?? '' })}</Badge>
              ) : null}{' '}
              <Badge tone={item.status === 'sent' ? 'neutral' : 'warning'}>{t(`status.${item.status}`)}</Badge>
            </li>
          ))}
        </ul>
      ) : null}
      <LoadMore
        hasNextPage={proposals.hasNextPage}
        isFetchingNextPage={proposals.isFetchingNextPage}
        onLoadMore={() => void proposals.fetchNextPage()}
      />
    </section>
  );
}

export function BatchAssignmentPage() {
  const { t } = useTranslation('matching');
  usePageTitle(t('batch.title'));
  const [params, setParams] = useSearchParams();
  const proposalId = params.get('proposal');
  const role = referableRoles.find((code) => code === params.get('role')) ?? 'primary_doctor';
  const weekParam = params.get('week');
  const week = weekOf(isIsoDate(weekParam) ? weekParam : todayInTokyo());

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) next.delete(key);
      else next.set(key, value);
    }
    setParams(next);
  };

  return (
    <>
      <h1>{t('batch.title')}</h1>
      <p className="lead">{t('batch.lead')}</p>
      {proposalId ? (
        <>
          <p>
            <button type="button" className="button-link" onClick={() => update({ proposal: null })}>
              {t('batch.backToCases')}
            </button>
          </p>
          <ProposalView id={proposalId} />
        </>
      ) : (
        <ProposalBuilder
          role={role}
          week={week}
          onRole={(value) => update({ role: value })}
          onWeek={(date) => update({ week: weekOf(date).from })}
          onProposal={(id) => update({ proposal: id })}
        />
      )}
      <RecentProposals current={proposalId} />
    </>
  );
}
