/**
 * One batch-assignment proposal: the figures beside the greedy baseline (max load, Gini, total distance), each case's
 * proposed organisation beside the greedy one (differences marked), changing a row (the case's ranked candidates with
 * their reasons) or removing it, the cases that cannot be served and why, and sending every referral in one action.
 */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useCandidates } from '../../api/cases';
import {
  useAdjustProposal,
  useProposal,
  useSendProposal,
  type Proposal,
  type ProposalAssignment,
  type ProposalCase,
} from '../../api/matching';
import { formatDate, formatDateTime } from '../../format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { TextAreaField } from '../../components/cases/TextAreaField';
import { Badge } from '../../components/Badge';
import { useServerText } from '../../i18n/server-text';
import { loadNote } from './load-note';

const signed = (value: number, digits: number) =>
  `${value > 0 ? '+' : value < 0 ? '−' : '±'}${Math.abs(value).toFixed(digits)}`;

/** A difference in words: lower is better for every figure shown. */
function Difference({ value, digits, unit }: { value: number; digits: number; unit: string }) {
  const { t } = useTranslation('matching');
  const tone = value < 0 ? 'ok' : value > 0 ? 'warning' : 'neutral';
  const word = value < 0 ? t('proposal.lower') : value > 0 ? t('proposal.higher') : t('proposal.same');
  return (
    <Badge tone={tone}>
      {signed(value, digits)}
      {unit} {word}
    </Badge>
  );
}

function MetricsTable({ proposal }: { proposal: Proposal }) {
  const { t } = useTranslation('matching');
  const ours = proposal.metrics;
  const greedy = proposal.baseline.metrics;
  const rows = [
    {
      key: 'maxLoad',
      label: t('proposal.maxLoad'),
      hint: t('proposal.maxLoadHint'),
      ours: t('proposal.patients', { count: ours.maxLoad }),
      greedy: t('proposal.patients', { count: greedy.maxLoad }),
      difference: <Difference value={proposal.difference.maxLoad} digits={0} unit={t('proposal.patientUnit')} />,
    },
    {
      key: 'gini',
      label: t('proposal.gini'),
      hint: t('proposal.giniHint'),
      ours: ours.gini.toFixed(3),
      greedy: greedy.gini.toFixed(3),
      difference: <Difference value={proposal.difference.gini} digits={3} unit="" />,
    },
    {
      key: 'distance',
      label: t('proposal.distance'),
      hint: t('proposal.distanceHint'),
      ours: `${ours.totalDistanceKm.toFixed(1)} km`,
      greedy: `${greedy.totalDistanceKm.toFixed(1)} km`,
      difference: <Difference value={proposal.difference.totalDistanceKm} digits={1} unit=" km" />,
    },
    {
      key: 'served',
      label: t('proposal.served'),
      hint: t('proposal.servedHint', { max: proposal.metrics.maxServable }),
      ours: t('proposal.cases', { count: ours.assignedCount }),
      greedy: t('proposal.cases', { count: greedy.assignedCount }),
      difference: (
        <Badge tone={ours.assignedCount >= greedy.assignedCount ? 'ok' : 'warning'}>
          {signed(ours.assignedCount - greedy.assignedCount, 0)}
          {t('proposal.caseUnit')}
        </Badge>
      ),
    },
  ];
  return (
    <div className="table-wrap" role="region" aria-labelledby="metrics-caption" tabIndex={0}>
      <table className="data-table stack-on-phone metrics-table">
        <caption id="metrics-caption">{t('proposal.metricsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('proposal.figure')}</th>
            <th scope="col">{t('proposal.ours')}</th>
            <th scope="col">{t('proposal.greedy')}</th>
            <th scope="col">{t('proposal.difference')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">
                {row.label}
                <span className="muted small block">{row.hint}</span>
              </th>
              <td data-label={t('proposal.ours')}>
                <div className="cell">{row.ours}</div>
              </td>
              <td data-label={t('proposal.greedy')}>
                <div className="cell">{row.greedy}</div>
              </td>
              <td data-label={t('proposal.difference')}>
                <div className="cell">{row.difference}</div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CaseCell({ info }: { info: ProposalCase }) {
  const { t, i18n } = useTranslation('matching');
  const serverText = useServerText();
  return (
    <>
      <Link to={`/cases/${info.id}`}>{info.patientName ?? t('proposal.unknownPatient')}</Link>
      <span className="muted small block">
        {[
          info.areaName ? serverText.wardName(info.areaName) : null,
          info.plannedDischargeDate
            ? t('proposal.dischargeOn', { date: formatDate(info.plannedDischargeDate, i18n.language) })
            : null,
        ]
          .filter(Boolean)
          .join(' · ')}
      </span>
    </>
  );
}

/** Choosing another organisation for one case: its ranked candidates, with their first reasons. */
function ChangeRow({
  proposal,
  caseId,
  currentOrganizationId,
  onDone,
}: {
  proposal: Proposal;
  caseId: string;
  currentOrganizationId: string | null;
  onDone: () => void;
}) {
  const { t } = useTranslation('matching');
  const serverText = useServerText();
  const candidates = useCandidates(caseId, proposal.role, true, 15);
  const adjust = useAdjustProposal(proposal.id);
  const items = (candidates.data?.items ?? []).filter((item) => item.organization.id !== currentOrganizationId);
  const [choice, setChoice] = useState('');
  const selected = items.find((item) => item.organization.id === choice) ?? items[0];
  return (
    <div className="change-row">
      <ErrorAlert error={candidates.error} />
      {candidates.isPending ? <p>{t('common.loading')}</p> : null}
      {candidates.isSuccess && items.length === 0 ? <p className="muted">{t('proposal.noOtherCandidates')}</p> : null}
      {items.length > 0 ? (
        <>
          <SelectField
            label={t('proposal.chooseOther')}
            value={selected?.organization.id ?? ''}
            onChange={(event) => setChoice(event.target.value)}
          >
            {items.map((item) => (
              <option key={item.organization.id} value={item.organization.id}>
                {t('proposal.candidateOption', {
                  name: item.organization.name,
                  km: item.distanceKm.toFixed(1),
                  score: item.score.toFixed(2),
                })}
              </option>
            ))}
          </SelectField>
          {selected ? (
            <ul className="reason-list small">
              {selected.reasons.slice(0, 6).map((reason) => (
                <li key={reason.code}>{serverText.reason(reason)}</li>
              ))}
            </ul>
          ) : null}
          <div className="actions-row">
            <button
              type="button"
              className="button button-small"
              disabled={!selected || adjust.isPending}
              onClick={() =>
                selected &&
                adjust.mutate(
                  { version: proposal.version, changes: [{ caseId, organizationId: selected.organization.id }] },
                  { onSuccess: onDone },
                )
              }
            >
              {t('proposal.assignHere')}
            </button>
            <button type="button" className="button button-small button-secondary" onClick={onDone}>
              {t('proposal.cancelChange')}
            </button>
          </div>
        </>
      ) : null}
      <ErrorAlert error={adjust.error} showDetails />
    </div>
  );
}

function AssignmentRows({ proposal }: { proposal: Proposal }) {
  const { t } = useTranslation('matching');
  const serverText = useServerText();
  const [changing, setChanging] = useState<string | null>(null);
  const adjust = useAdjustProposal(proposal.id);
  const ours = new Map(proposal.assignments.map((item) => [item.caseId, item]));
  const greedy = new Map(proposal.baseline.assignments.map((item) => [item.caseId, item]));
  const unassigned = new Map(proposal.unassigned.map((item) => [item.caseId, item]));
  const caseOf = (caseId: string): ProposalCase =>
    ours.get(caseId)?.case ??
    unassigned.get(caseId)?.case ?? { id: caseId, patientName: null, areaName: null, plannedDischargeDate: null };
  const isDraft = proposal.status === 'draft';
  const differing = proposal.caseIds.filter(
    (caseId) => (ours.get(caseId)?.organizationId ?? null) !== (greedy.get(caseId)?.organizationId ?? null),
  ).length;

  const loadText = (item: ProposalAssignment) =>
    item.declaredCapacity !== null
      ? t('proposal.loadOfCapacity', { load: item.currentLoad, capacity: item.declaredCapacity })
      : t('proposal.load', { load: item.currentLoad, count: item.currentLoad });

  return (
    <>
      <p>{t('proposal.differing', { count: differing, total: proposal.caseIds.length })}</p>
      <div className="table-wrap" role="region" aria-labelledby="assignments-caption" tabIndex={0}>
        <table className="data-table stack-on-phone assignment-table">
          <caption id="assignments-caption">{t('proposal.assignmentsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('proposal.patient')}</th>
              <th scope="col">{t('proposal.ours')}</th>
              <th scope="col">{t('proposal.greedy')}</th>
              {isDraft ? <th scope="col">{t('proposal.actions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {proposal.caseIds.map((caseId) => {
              const mine = ours.get(caseId);
              const theirs = greedy.get(caseId);
              const isDifferent = (mine?.organizationId ?? null) !== (theirs?.organizationId ?? null);
              const unassignedEntry = unassigned.get(caseId);
              const reason = unassignedEntry ? serverText.unassignedReason(unassignedEntry) : undefined;
              return (
                <tr key={caseId} className={isDifferent ? 'row-different' : undefined}>
                  <th scope="row">
                    <CaseCell info={caseOf(caseId)} />
                  </th>
                  <td data-label={t('proposal.ours')}>
                    <div className="cell">
                      {mine ? (
                        <>
                          <span className="block">{mine.organizationName}</span>
                          <span className="muted small block">
                            {t('proposal.km', { km: mine.distanceKm.toFixed(1) })} · {loadText(mine)}
                          </span>
                          {mine.isPairDefault ? <Badge tone="ok">{t('proposal.pairDefault')}</Badge> : null}
                        </>
                      ) : (
                        <>
                          <Badge tone="danger">{t('proposal.notAssigned')}</Badge>
                          {reason ? <span className="small block">{reason}</span> : null}
                        </>
                      )}
                      {changing === caseId ? (
                        <ChangeRow
                          proposal={proposal}
                          caseId={caseId}
                          currentOrganizationId={mine?.organizationId ?? null}
                          onDone={() => setChanging(null)}
                        />
                      ) : null}
                    </div>
                  </td>
                  <td data-label={t('proposal.greedy')}>
                    <div className="cell">
                      {theirs ? (
                        <>
                          <span className="block">{theirs.organizationName}</span>
                          <span className="muted small block">
                            {t('proposal.km', { km: theirs.distanceKm.toFixed(1) })}
                          </span>
                        </>
                      ) : (
                        <span className="muted">{t('proposal.greedyNone')}</span>
                      )}
                      {isDifferent ? <Badge tone="warning">{t('proposal.differs')}</Badge> : null}
                    </div>
                  </td>
                  {isDraft ? (
                    <td data-label={t('proposal.actions')}>
                      <div className="cell actions-row">
                        <button
                          type="button"
                          className="button button-small button-secondary"
                          onClick={() => setChanging(changing === caseId ? null : caseId)}
                          aria-expanded={changing === caseId}
                          aria-label={t('proposal.changeLabel', { name: caseOf(caseId).patientName ?? '' })}
                        >
                          {t('proposal.change')}
                        </button>
                        {mine ? (
                          <button
                            type="button"
                            className="button button-small button-secondary"
                            disabled={adjust.isPending}
                            onClick={() =>
                              adjust.mutate({ version: proposal.version, changes: [{ caseId, organizationId: null }] })
                            }
                            aria-label={t('proposal.removeLabel', { name: caseOf(caseId).patientName ?? '' })}
                          >
                            {t('proposal.remove')}
                          </button>
                        ) : null}
                      </div>
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <ErrorAlert error={adjust.error} showDetails />
    </>
  );
}

function SendForm({ proposal }: { proposal: Proposal }) {
  const { t } = useTranslation('matching');
  const send = useSendProposal(proposal.id);
  const [days, setDays] = useState('2');
  const [message, setMessage] = useState('');
  const dayCount = Number(days);
  const isValid = Number.isInteger(dayCount) && dayCount >= 1 && dayCount <= 20;
  return (
    <section className="section" aria-labelledby="send-title">
      <h2 id="send-title">{t('send.title')}</h2>
      <p>{t('send.lead', { count: proposal.assignments.length })}</p>
      <form
        className="form-narrow"
        onSubmit={(event) => {
          event.preventDefault();
          if (isValid) send.mutate({ respondWithinBusinessDays: dayCount, message, version: proposal.version });
        }}
      >
        <TextField
          label={t('send.days')}
          type="number"
          min={1}
          max={20}
          value={days}
          onChange={(event) => setDays(event.target.value)}
          hint={t('send.daysHint')}
          error={isValid ? undefined : t('send.daysError')}
          className="field-short"
        />
        <TextAreaField
          label={t('send.message')}
          value={message}
          maxLength={4000}
          onChange={(event) => setMessage(event.target.value)}
          hint={t('send.messageHint')}
        />
        <div className="form-actions">
          <button type="submit" className="button" disabled={send.isPending || proposal.assignments.length === 0}>
            {send.isPending ? t('send.sending') : t('send.submit', { count: proposal.assignments.length })}
          </button>
        </div>
        <ErrorAlert error={send.error} showDetails />
      </form>
    </section>
  );
}

export function ProposalView({ id }: { id: string }) {
  const { t, i18n } = useTranslation('matching');
  const proposal = useProposal(id);
  const data = proposal.data;
  if (proposal.isPending) return <p role="status">{t('common.loading')}</p>;
  if (!data) return <ErrorAlert error={proposal.error} />;
  return (
    <section aria-labelledby="proposal-title">
      <h2 id="proposal-title">
        {t('proposal.title', { role: t(`roles.${data.role}`) })}{' '}
        <Badge tone={data.status === 'sent' ? 'neutral' : 'warning'}>{t(`status.${data.status}`)}</Badge>
      </h2>
      <p className="muted">
        {t('proposal.createdAt', { at: formatDateTime(data.createdAt, i18n.language) })}
        {data.sentAt ? ` · ${t('proposal.sentAt', { at: formatDateTime(data.sentAt, i18n.language) })}` : ''}
      </p>
      {data.source === 'waitlist' ? (
        <div className="alert alert-info">
          <p>{t('proposal.waitlistNote', { name: data.trigger?.organizationName ?? '' })}</p>
        </div>
      ) : null}
      {data.status === 'sent' ? (
        <div className="alert alert-success" role="status">
          <p>{t('send.done', { count: data.referrals.length })}</p>
        </div>
      ) : null}
      <MetricsTable proposal={data} />
      <p className="muted small">
        {(() => {
          const note = loadNote(data.metrics);
          return t(note.key, note.params);
        })()}
      </p>
      <AssignmentRows proposal={data} />
      {data.status === 'draft' && data.assignments.length > 0 ? <SendForm proposal={data} /> : null}
      {data.status === 'draft' && data.assignments.length === 0 ? (
        <p className="alert alert-warning">{t('send.nothing')}</p>
      ) : null}
    </section>
  );
}
