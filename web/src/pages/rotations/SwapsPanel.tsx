/**
 * Swapping duties on a published roster: a clinic lists its own coming duties and asks another clinic (or the whole
 * group) to take one, optionally taking one of theirs in return; the asked clinic accepts or declines; the
 * association approves or rejects — the rules are checked again on the server at each step (422 with the rule).
 */
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  openSwapStatuses,
  shiftOrder,
  useRequestSwap,
  useSwapAction,
  useSwaps,
  type Duty,
  type Roster,
  type RotationGroup,
  type Swap,
  type SwapAction,
} from '../../api/rotations';
import { formatDateTime, formatTimeRange } from '../../format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusMessage } from '../../components/StatusMessage';
import { SelectField } from '../../components/SelectField';
import { TextAreaField } from '../../components/cases/TextAreaField';
import { ShiftLabel, SwapStatusBadge, longDate, useDutyText, useRevealOnOpen } from './parts';
import { useBlockText } from './AdjustDutyForm';
import { RuleErrorAlert } from './RuleErrorAlert';
import { isDeclared, swapBlock } from './swap-candidates';
import { todayInTokyo } from './calendar';

const dutyOrder = (a: Duty, b: Duty) => a.date.localeCompare(b.date) || shiftOrder[a.shift] - shiftOrder[b.shift];

function SwapRequestForm({
  roster,
  group,
  duty,
  onDone,
}: {
  roster: Roster;
  group: RotationGroup | undefined;
  duty: Duty;
  onDone: (message: string | null) => void;
}) {
  const { t } = useTranslation('rotations');
  const dutyText = useDutyText();
  const requestSwap = useRequestSwap(roster.id);
  const [target, setTarget] = useState('');
  const [counter, setCounter] = useState('');
  const [note, setNote] = useState('');
  const heading = useRevealOnOpen<HTMLHeadingElement>();
  const today = todayInTokyo();
  const blockText = useBlockText();
  const others = (group?.members ?? [])
    .filter((member) => member.organization.id !== duty.organizationId)
    .map((member) => ({
      organization: member.organization,
      block: swapBlock(member, member.organization.id, duty, roster),
    }));
  const requester = group?.members.find((member) => member.organization.id === duty.organizationId);
  // A duty the requester takes back in exchange: checked for the requester, as if it had handed its own over.
  const counterDuties = roster.duties
    .filter((entry) => entry.organizationId === target && entry.date >= today)
    .sort(dutyOrder)
    .map((entry) => ({
      duty: entry,
      block: requester ? swapBlock(requester, duty.organizationId, entry, roster, [duty.id]) : null,
    }));
  const declaredCount = others.filter((other) => isDeclared(other.block)).length;

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    requestSwap.mutate(
      {
        dutyId: duty.id,
        ...(target ? { targetOrganizationId: target } : {}),
        ...(counter ? { counterDutyId: counter } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      },
      { onSuccess: () => onDone(t('swap.requested', { duty: dutyText(duty) })) },
    );
  };

  return (
    <form onSubmit={submit} noValidate className="card swap-form" aria-labelledby="swap-form-title">
      <h3 id="swap-form-title" ref={heading} tabIndex={-1}>
        {t('swap.formTitle', { duty: dutyText(duty) })}
      </h3>
      <SelectField
        label={t('swap.target')}
        value={target}
        onChange={(event) => {
          setTarget(event.target.value);
          setCounter('');
        }}
      >
        <option value="">{t('swap.targetAll')}</option>
        {others.map(({ organization, block }) => (
          <option key={organization.id} value={organization.id} disabled={isDeclared(block)}>
            {block ? t('swap.optionBlocked', { name: organization.name, reason: blockText(block) }) : organization.name}
          </option>
        ))}
      </SelectField>
      {declaredCount > 0 ? <p className="field-hint">{t('swap.declaredHint', { count: declaredCount })}</p> : null}
      {target ? (
        <SelectField label={t('swap.counter')} value={counter} onChange={(event) => setCounter(event.target.value)}>
          <option value="">{t('swap.counterNone')}</option>
          {counterDuties.map(({ duty: entry, block }) => (
            <option key={entry.id} value={entry.id} disabled={isDeclared(block)}>
              {block ? t('swap.optionBlocked', { name: dutyText(entry), reason: blockText(block) }) : dutyText(entry)}
            </option>
          ))}
        </SelectField>
      ) : null}
      <TextAreaField
        label={t('swap.note')}
        hint={t('swap.noteHint')}
        value={note}
        rows={2}
        maxLength={500}
        onChange={(event) => setNote(event.target.value)}
      />
      <RuleErrorAlert error={requestSwap.error} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={requestSwap.isPending}>
          {t('swap.submit')}
        </button>
        <button type="button" className="button button-secondary" onClick={() => onDone(null)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** The signed-in clinic's coming duties of this roster, each with 「交代を依頼」. */
export function OwnDuties({
  roster,
  group,
  organizationId,
}: {
  roster: Roster;
  group: RotationGroup | undefined;
  organizationId: string;
}) {
  const { t, i18n } = useTranslation('rotations');
  const swaps = useSwaps(roster.id, roster.status === 'published');
  const [asking, setAsking] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const today = todayInTokyo();
  const own = roster.duties.filter((duty) => duty.organizationId === organizationId).sort(dutyOrder);
  const pending = new Set(
    (swaps.data?.items ?? [])
      .filter((swap) => openSwapStatuses.includes(swap.status))
      .flatMap((swap) => [swap.duty?.id, swap.counterDuty?.id]),
  );
  const askingDuty = own.find((duty) => duty.id === asking);

  return (
    <>
      <StatusMessage message={message} />
      {own.length === 0 ? (
        <p className="muted">{t('roster.noOwnDuties')}</p>
      ) : (
        <ul className="duty-list" aria-label={t('roster.ownDutiesList')}>
          {own.map((duty) => (
            <li key={duty.id}>
              <span className="duty-date">{longDate(duty.date, i18n.language)}</span>
              <ShiftLabel shift={duty.shift} />
              <span className="muted small">{formatTimeRange(duty.startsAt, duty.endsAt, t, i18n.language)}</span>
              {roster.status === 'published' && duty.date >= today ? (
                pending.has(duty.id) ? (
                  <span className="muted small">{t('swap.pending')}</span>
                ) : (
                  <button
                    type="button"
                    className="button button-small button-secondary"
                    onClick={() => {
                      setMessage(null);
                      setAsking(duty.id);
                    }}
                    aria-label={t('swap.askLabel', {
                      duty: `${longDate(duty.date, i18n.language)} ${t(`shift.${duty.shift}`)}`,
                    })}
                  >
                    {t('swap.ask')}
                  </button>
                )
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {askingDuty ? (
        <SwapRequestForm
          key={askingDuty.id}
          roster={roster}
          group={group}
          duty={askingDuty}
          onDone={(text) => {
            setAsking(null);
            setMessage(text);
          }}
        />
      ) : null}
    </>
  );
}

function SwapItem({ roster, swap, organizationId }: { roster: Roster; swap: Swap; organizationId: string | null }) {
  const { t, i18n } = useTranslation('rotations');
  const dutyText = useDutyText();
  const act = useSwapAction(roster.id);
  const isManager = roster.permissions.canManage;
  const isRequester = organizationId !== null && swap.requestingOrganization?.id === organizationId;
  const isAsked =
    organizationId !== null &&
    !isRequester &&
    (swap.otherOrganization === null || swap.otherOrganization.id === organizationId);
  const actions: SwapAction[] = [];
  if (swap.status === 'requested' && isAsked) actions.push('accept');
  if (swap.status === 'requested' && isAsked && swap.otherOrganization?.id === organizationId) actions.push('decline');
  if (swap.status === 'accepted' && isManager) actions.push('approve');
  if ((swap.status === 'requested' || swap.status === 'accepted') && isManager) actions.push('reject');
  if ((swap.status === 'requested' || swap.status === 'accepted') && isRequester) actions.push('withdraw');
  const duty = swap.duty;
  const title = duty ? dutyText(duty) : t('swap.unknownDuty');

  return (
    <li className="swap-item" id={`swap-${swap.id}`}>
      <div className="swap-main">
        <p className="swap-title">
          <strong>{title}</strong> <SwapStatusBadge status={swap.status} />
        </p>
        <p className="small">
          {t('swap.fromTo', {
            from: swap.requestingOrganization?.name ?? '',
            to: swap.otherOrganization?.name ?? t('swap.wholeGroup'),
          })}
          {swap.counterDuty ? ` ${t('swap.inReturn', { duty: dutyText(swap.counterDuty) })}` : ''}
        </p>
        {swap.note ? <p className="small swap-note">{swap.note}</p> : null}
        <p className="muted small">{t('swap.updated', { at: formatDateTime(swap.updatedAt, i18n.language) })}</p>
        <RuleErrorAlert error={act.error} />
      </div>
      {actions.length > 0 ? (
        <div className="swap-actions">
          {actions.map((action) => (
            <button
              key={action}
              type="button"
              className={
                action === 'accept' || action === 'approve'
                  ? 'button button-small'
                  : 'button button-small button-secondary'
              }
              disabled={act.isPending}
              onClick={() => act.mutate({ swapId: swap.id, action })}
              aria-label={t('swap.actionLabel', { action: t(`swap.action.${action}`), duty: title })}
            >
              {t(`swap.action.${action}`)}
            </button>
          ))}
        </div>
      ) : null}
    </li>
  );
}

export function SwapList({ roster, organizationId }: { roster: Roster; organizationId: string | null }) {
  const { t } = useTranslation('rotations');
  const swaps = useSwaps(roster.id, roster.status === 'published');
  const items = [...(swaps.data?.items ?? [])].sort(
    (a, b) =>
      Number(openSwapStatuses.includes(b.status)) - Number(openSwapStatuses.includes(a.status)) ||
      b.updatedAt.localeCompare(a.updatedAt),
  );
  if (roster.status !== 'published') return <p className="muted">{t('swap.onlyPublished')}</p>;
  return (
    <>
      <ErrorAlert error={swaps.error} />
      {swaps.isPending ? <p>{t('common.loading')}</p> : null}
      {swaps.isSuccess && items.length === 0 ? <p className="muted">{t('swap.none')}</p> : null}
      {items.length > 0 ? (
        <ul className="swap-list" aria-label={t('swap.listLabel')}>
          {items.map((swap) => (
            <SwapItem key={swap.id} roster={roster} swap={swap} organizationId={organizationId} />
          ))}
        </ul>
      ) : null}
    </>
  );
}
