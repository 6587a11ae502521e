/**
 * Adjusting a draft by hand (調整): the association hands one duty to another member clinic. A clinic that declared
 * it cannot take the duty is not offered (with the reason), one the spacing rule or the monthly cap would stop is
 * marked; the server checks every rule again (422 with each broken rule) and the fairness figures follow.
 */
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAdjustDuty, type Duty, type Roster, type RotationGroup } from '../../api/rotations';
import { SelectField } from '../../components/SelectField';
import { shortDate, useDutyText, useRevealOnOpen } from './parts';
import { RuleErrorAlert } from './RuleErrorAlert';
import { isDeclared, swapBlock, type SwapBlock } from './swap-candidates';

export function useBlockText() {
  const { t, i18n } = useTranslation('rotations');
  return (block: SwapBlock) => {
    switch (block.kind) {
      case 'shift':
        return t('swap.blocked.shift', { shift: t(`shift.${block.shift}`) });
      case 'weekday':
        return t('swap.blocked.weekday', { weekday: t(`weekday.${block.weekday}`) });
      case 'date':
        return t('swap.blocked.date');
      case 'spacing':
        return t('swap.blocked.spacing', { date: shortDate(block.date, i18n.language), minDays: block.minDays });
      case 'monthly_cap':
        return t('swap.blocked.monthly_cap', { count: block.maxPerMonth });
    }
  };
}

export function AdjustDutyForm({
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
  const adjust = useAdjustDuty(roster.id);
  const blockText = useBlockText();
  const heading = useRevealOnOpen<HTMLHeadingElement>();
  const [target, setTarget] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const dutyText = useDutyText()(duty);
  const others = (group?.members ?? [])
    .filter((member) => member.organization.id !== duty.organizationId)
    .map((member) => ({
      organization: member.organization,
      block: swapBlock(member, member.organization.id, duty, roster),
    }));

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (!target) {
      setProblem(t('adjust.targetRequired'));
      return;
    }
    setProblem(null);
    const name = others.find((other) => other.organization.id === target)?.organization.name ?? '';
    adjust.mutate(
      { dutyId: duty.id, version: roster.version, organizationId: target },
      { onSuccess: () => onDone(t('adjust.done', { duty: dutyText, from: duty.organizationName, to: name })) },
    );
  };

  return (
    <form onSubmit={submit} noValidate className="card swap-form" aria-labelledby="adjust-form-title">
      <h3 id="adjust-form-title" ref={heading} tabIndex={-1}>
        {t('adjust.title', { duty: dutyText })}
      </h3>
      <p className="field-hint">{t('adjust.lead', { name: duty.organizationName })}</p>
      <SelectField
        label={t('adjust.target')}
        value={target}
        required
        error={problem ?? undefined}
        onChange={(event) => setTarget(event.target.value)}
      >
        <option value="">{t('adjust.choose')}</option>
        {others.map(({ organization, block }) => (
          <option key={organization.id} value={organization.id} disabled={isDeclared(block)}>
            {block ? t('swap.optionBlocked', { name: organization.name, reason: blockText(block) }) : organization.name}
          </option>
        ))}
      </SelectField>
      <RuleErrorAlert error={adjust.error} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={adjust.isPending}>
          {adjust.isPending ? t('common.saving') : t('adjust.submit')}
        </button>
        <button type="button" className="button button-secondary" onClick={() => onDone(null)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
