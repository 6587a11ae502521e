/**
 * The filters of the professional resource search: the place (typed, a ward shortcut, or picked on the map), the
 * radius, the kind (a kind nobody is registered under is shown as such and cannot be chosen), patient groups and
 * procedures (all must hold), 在宅療養支援診療所, 往診専門, 24時間対応 and 受入可のみ.
 */
import { useEffect, useId, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { patientGroups, procedures, type OrganizationKind } from '../../codes';
import { useKindCounts } from '../../api/directory';
import { useWardName } from '../public/ward-names';
import {
  homeCareSupportClinicChoices,
  radiusChoices,
  searchableKinds,
  wardNamed,
  type SearchFilters,
} from './search-filters';
import { TextField } from '../TextField';
import { SelectField } from '../SelectField';
import { CheckboxGroup } from '../CheckboxGroup';

type Props = {
  initial: SearchFilters;
  wards: { code: string; name: string; fullName: string }[];
  onSearch: (filters: SearchFilters) => void;
  /** Told of every edit, so that a point picked on the map keeps the filters being edited. */
  onDraftChange: (filters: SearchFilters) => void;
  isPicking: boolean;
  onTogglePicking: () => void;
};

export function SearchFilterForm({ initial, wards, onSearch, onDraftChange, isPicking, onTogglePicking }: Props) {
  const { t } = useTranslation('directory');
  const wardName = useWardName();
  const kindCounts = useKindCounts();
  const kindHintId = useId();
  const [filters, setFilters] = useState(initial);
  const [missingPlace, setMissingPlace] = useState(false);
  // Open when the search already filters by them; otherwise the results come into view sooner.
  const [isCodesOpenAtFirst] = useState(initial.groups.length + initial.procedures.length > 0);
  useEffect(() => onDraftChange(filters), [filters, onDraftChange]);
  const update = (change: Partial<SearchFilters>) => setFilters((current) => ({ ...current, ...change }));

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (!filters.place.trim() && !filters.point) {
      setMissingPlace(true);
      return;
    }
    setMissingPlace(false);
    const ward = filters.point ? undefined : wardNamed(filters.place, wards);
    onSearch(ward ? { ...filters, place: ward.fullName, areaCode: ward.code } : filters);
  };

  const searchWard = (ward: { code: string; fullName: string }) => {
    const next = { ...filters, place: ward.fullName, areaCode: ward.code, point: null };
    setFilters(next);
    setMissingPlace(false);
    onSearch(next);
  };

  // A kind nobody is registered under finds nothing anywhere: said in its option, which cannot be chosen (unless a
  // link already chose it, so that the select shows what was searched).
  const isUnregistered = (kind: OrganizationKind) =>
    kindCounts.data?.get(kind) === 0 && kind !== initial.kind && kind !== filters.kind;
  const kindLabel = (kind: OrganizationKind) => {
    const label = t(`search.kindOption.${kind}`, { defaultValue: t(`codes.kind.${kind}`) });
    return kindCounts.data?.get(kind) === 0 ? t('search.kindNone', { kind: label }) : label;
  };
  const kindHint = filters.kind ? t(`search.kindHint.${filters.kind}`, { defaultValue: '' }) : '';

  const pointText = filters.point
    ? t('search.pickedPointValue', {
        // Not `lat`/`lng`: i18next reads an option named `lng` as the language to say it in.
        latitude: filters.point.lat.toFixed(4),
        longitude: filters.point.lng.toFixed(4),
      })
    : null;

  return (
    <form className="directory-filters" onSubmit={submit} role="search" aria-label={t('search.formLabel')} noValidate>
      <div className="directory-filters-row">
        <div className="directory-place">
          <TextField
            label={t('search.place')}
            hint={pointText ? t('search.placeHintPicked', { point: pointText }) : t('search.placeHint')}
            value={filters.place}
            // The server takes up to 200 characters (GET …/search `near`): no longer address can be typed.
            maxLength={200}
            onChange={(event) => update({ place: event.target.value, point: null, areaCode: null })}
            autoComplete="off"
            error={missingPlace ? t('search.placeMissing') : undefined}
          />
          <div className="ward-shortcuts" role="group" aria-label={t('search.wardShortcuts')}>
            <span className="muted small" aria-hidden="true">
              {t('search.wardShortcuts')}
            </span>
            {wards.map((ward) => (
              <button
                key={ward.code}
                type="button"
                className="button button-small button-secondary"
                aria-pressed={filters.areaCode === ward.code}
                onClick={() => searchWard(ward)}
              >
                {wardName(ward)}
              </button>
            ))}
            <button
              type="button"
              className="button button-small button-secondary"
              aria-pressed={isPicking}
              onClick={onTogglePicking}
            >
              {isPicking ? t('search.pickCancel') : t('search.pickOnMap')}
            </button>
          </div>
          {filters.areaCode && !filters.point ? <p className="small muted">{t('search.wardNote')}</p> : null}
        </div>
        <SelectField
          label={t('search.radius')}
          value={String(filters.radiusKm)}
          onChange={(event) => update({ radiusKm: Number(event.target.value) })}
          className="field-radius"
        >
          {radiusChoices.map((km) => (
            <option key={km} value={km}>
              {t('search.radiusValue', { km })}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('search.kind')}
          value={filters.kind ?? ''}
          onChange={(event) => update({ kind: searchableKinds.find((kind) => kind === event.target.value) ?? null })}
          className="field-kind"
          aria-describedby={kindHint ? kindHintId : undefined}
        >
          <option value="">{t('search.kindAll')}</option>
          {searchableKinds.map((kind) => (
            <option key={kind} value={kind} disabled={isUnregistered(kind)}>
              {kindLabel(kind)}
            </option>
          ))}
        </SelectField>
      </div>
      {kindHint ? (
        <p className="small muted directory-filters-note" id={kindHintId}>
          {kindHint}
        </p>
      ) : null}

      <details className="directory-filters-codes" open={isCodesOpenAtFirst}>
        <summary>
          {t('search.codesSummary')}{' '}
          <span className="muted small">
            {t('search.codesSelected', { count: filters.groups.length + filters.procedures.length })}
          </span>
        </summary>
        <p className="muted small directory-filters-note">{t('search.allMustHold')}</p>
        <div className="directory-filters-code-groups">
          <CheckboxGroup
            legend={t('search.groups')}
            options={patientGroups.map((code) => ({ value: code, label: t(`codes.patientGroup.${code}`) }))}
            selected={filters.groups}
            onChange={(groups) => update({ groups })}
          />
          <CheckboxGroup
            legend={t('search.procedures')}
            options={procedures.map((code) => ({ value: code, label: t(`codes.procedure.${code}`) }))}
            selected={filters.procedures}
            onChange={(selected) => update({ procedures: selected })}
          />
        </div>
      </details>

      <div className="directory-filters-row directory-filters-end">
        <SelectField
          label={t('search.homeCareSupportClinic')}
          value={filters.homeCareSupportClinic ?? ''}
          onChange={(event) =>
            update({
              homeCareSupportClinic:
                homeCareSupportClinicChoices.find((choice) => choice === event.target.value) ?? null,
            })
          }
          className="field-home-care"
        >
          <option value="">{t('search.homeCareSupportClinicAll')}</option>
          {homeCareSupportClinicChoices.map((choice) => (
            <option key={choice} value={choice}>
              {t(`search.homeCareSupportClinicChoice.${choice}`)}
            </option>
          ))}
        </SelectField>
        <label className="choice">
          <input
            type="checkbox"
            checked={filters.isHomeVisitOnly}
            onChange={(event) => update({ isHomeVisitOnly: event.target.checked })}
          />
          <span>{t('search.homeVisitOnly')}</span>
        </label>
        <label className="choice">
          <input
            type="checkbox"
            checked={filters.isAvailable24hOnly}
            onChange={(event) => update({ isAvailable24hOnly: event.target.checked })}
          />
          <span>{t('search.available24hOnly')}</span>
        </label>
        <label className="choice">
          <input
            type="checkbox"
            checked={filters.isAcceptingOnly}
            onChange={(event) => update({ isAcceptingOnly: event.target.checked })}
          />
          <span>{t('search.acceptingOnly')}</span>
        </label>
        <button type="submit" className="button">
          {t('search.submit')}
        </button>
      </div>
    </form>
  );
}
