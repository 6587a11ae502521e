/**
 * 主治医・副主治医のペア (/matching/pairs): for an area, the suggested pairs of home-care clinics (each clinic that wants
 * a partner gets one within the distance, none in more pairs than the limit; the two share at least one patient group,
 * named in the table — more in common first, then the nearer), reviewed by the association and saved
 * as doctor pairs in one action; the clinics still alone with the reason; the pairs of the area, which can be ended.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAreas } from '../../api/queries';
import {
  useDoctorPairs,
  useEndPair,
  usePairSuggestions,
  useSavePairs,
  type DoctorPair,
  type PairSuggestions,
} from '../../api/matching';
import { formatDate } from '../../format';
import { useServerText } from '../../i18n/server-text';
import { useCurrentUser } from '../../session';
import { usePageTitle } from '../../usePageTitle';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { Badge } from '../../components/Badge';
import { useWardName } from '../../components/public/ward-names';
import './matching.css';

const pairKey = (pair: { primary: { id: string }; secondary: { id: string } }) =>
  `${pair.primary.id}:${pair.secondary.id}`;

function Suggestions({ data, canSave, areaCode }: { data: PairSuggestions; canSave: boolean; areaCode: string }) {
  const { t } = useTranslation('matching');
  const { t: tc } = useTranslation();
  const serverText = useServerText();
  const save = useSavePairs();
  const [skipped, setSkipped] = useState<Set<string>>(new Set());
  const chosen = data.pairs.filter((pair) => !skipped.has(pairKey(pair)));
  const toggle = (key: string) =>
    setSkipped((current) => {
      const next = new Set(current);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  return (
    <section className="section" aria-labelledby="suggestions-title">
      <h2 id="suggestions-title">{t('pairs.suggestionsTitle')}</h2>
      <p>
        {t('pairs.summary', {
          wanting: t('pairs.clinicCount', { count: data.wantingCount }),
          active: t('pairs.pairCount', { count: data.activePairCount }),
          suggested: t('pairs.pairCount', { count: data.pairs.length }),
          km: data.maxDistanceKm,
          limit: t('pairs.pairCount', { count: data.maxPairsPerClinic }),
        })}
      </p>
      <p className="muted small">{serverText.pairRule(data)}</p>
      {data.pairs.length === 0 ? <p className="muted">{t('pairs.noSuggestions')}</p> : null}
      {data.pairs.length > 0 ? (
        <div className="table-wrap" role="region" aria-labelledby="suggestions-caption" tabIndex={0}>
          <table className="data-table stack-on-phone">
            <caption id="suggestions-caption">{t('pairs.suggestionsCaption')}</caption>
            <thead>
              <tr>
                {canSave ? (
                  <th scope="col">
                    <span className="visually-hidden">{t('pairs.choose')}</span>
                  </th>
                ) : null}
                <th scope="col">{t('pairs.primary')}</th>
                <th scope="col">{t('pairs.secondary')}</th>
                <th scope="col">{t('pairs.sharedGroups')}</th>
                <th scope="col">{t('pairs.distance')}</th>
              </tr>
            </thead>
            <tbody>
              {data.pairs.map((pair) => {
                const key = pairKey(pair);
                return (
                  <tr key={key}>
                    {canSave ? (
                      <td>
                        <input
                          type="checkbox"
                          checked={!skipped.has(key)}
                          onChange={() => toggle(key)}
                          aria-label={t('pairs.includeLabel', {
                            primary: pair.primary.name,
                            secondary: pair.secondary.name,
                          })}
                        />
                      </td>
                    ) : null}
                    <th scope="row">
                      {pair.primary.name}
                      <span className="muted small block">
                        {t('pairs.patients', { count: pair.primary.currentLoad })}
                      </span>
                    </th>
                    <td data-label={t('pairs.secondary')}>
                      <div className="cell">
                        {pair.secondary.name}
                        <span className="muted small block">
                          {t('pairs.patients', { count: pair.secondary.currentLoad })}
                        </span>
                        {pair.isSecondPartner ? <Badge tone="warning">{t('pairs.secondPartner')}</Badge> : null}
                      </div>
                    </td>
                    <td data-label={t('pairs.sharedGroups')}>
                      <div className="cell">
                        {(pair.sharedGroups ?? [])
                          .map((group) => tc(`codes.patientGroup.${group}`))
                          .join(tc('common.itemSeparator')) || t('pairs.unknown')}
                      </div>
                    </td>
                    <td data-label={t('pairs.distance')}>
                      <div className="cell nowrap">{pair.distanceKm.toFixed(1)} km</div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {canSave && data.pairs.length > 0 ? (
        <div className="form-actions">
          <button
            type="button"
            className="button"
            disabled={chosen.length === 0 || save.isPending}
            onClick={() =>
              save.mutate(
                chosen.map((pair) => ({
                  areaCode,
                  primaryOrganizationId: pair.primary.id,
                  secondaryOrganizationId: pair.secondary.id,
                })),
                { onSuccess: () => setSkipped(new Set()) },
              )
            }
          >
            {t('pairs.save', { count: chosen.length })}
          </button>
        </div>
      ) : null}
      {save.isSuccess ? (
        <div className="alert alert-success" role="status">
          <p>{t('pairs.saved', { count: save.data.items.length })}</p>
        </div>
      ) : null}
      <ErrorAlert error={save.error} showDetails />

      {data.unpaired.length > 0 ? (
        <>
          <h3>{t('pairs.unpairedTitle')}</h3>
          <ul className="plain-list">
            {data.unpaired.map((entry) => (
              <li key={entry.organization.id}>
                <strong>{entry.organization.name}</strong>: {serverText.unpairedPairReason(entry)}
                {entry.nearestKm !== null ? ` ${t('pairs.nearest', { km: entry.nearestKm.toFixed(1) })}` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function PairList({ areaCode, canEdit }: { areaCode: string; canEdit: boolean }) {
  const { t, i18n } = useTranslation('matching');
  const [status, setStatus] = useState<'active' | 'ended'>('active');
  const pairs = useDoctorPairs(areaCode, status);
  const end = useEndPair();
  const items: DoctorPair[] = pairs.data?.items ?? [];
  return (
    <section className="section" aria-labelledby="pairs-title">
      <h2 id="pairs-title">{t('pairs.listTitle')}</h2>
      <SelectField
        label={t('pairs.status')}
        value={status}
        onChange={(event) => setStatus(event.target.value === 'ended' ? 'ended' : 'active')}
        className="field-short"
      >
        <option value="active">{t('pairs.active')}</option>
        <option value="ended">{t('pairs.ended')}</option>
      </SelectField>
      <ErrorAlert error={pairs.error} />
      <div role="status" className="status-region">
        {pairs.isSuccess ? (
          <p className="result-count">
            {items.length === 0 ? t('pairs.none') : t('pairs.count', { count: items.length })}
          </p>
        ) : null}
      </div>
      {items.length > 0 ? (
        <div className="table-wrap" role="region" aria-labelledby="pairs-caption" tabIndex={0}>
          <table className="data-table stack-on-phone">
            <caption id="pairs-caption">{t('pairs.listCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('pairs.primary')}</th>
                <th scope="col">{t('pairs.secondary')}</th>
                <th scope="col">{t('pairs.distance')}</th>
                <th scope="col">{t('pairs.since')}</th>
                {canEdit && status === 'active' ? <th scope="col">{t('pairs.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {items.map((pair) => (
                <tr key={pair.id}>
                  <th scope="row">
                    {pair.primary.name}
                    {pair.primary.phone ? <span className="muted small block">{pair.primary.phone}</span> : null}
                  </th>
                  <td data-label={t('pairs.secondary')}>
                    <div className="cell">
                      {pair.secondary.name}
                      {pair.secondary.phone ? <span className="muted small block">{pair.secondary.phone}</span> : null}
                    </div>
                  </td>
                  <td data-label={t('pairs.distance')}>
                    <div className="cell nowrap">
                      {pair.distanceKm === null ? t('pairs.unknown') : `${pair.distanceKm.toFixed(1)} km`}
                    </div>
                  </td>
                  <td data-label={t('pairs.since')}>
                    <div className="cell nowrap">
                      {formatDate(pair.createdAt, i18n.language)}
                      {pair.endedAt ? ` – ${formatDate(pair.endedAt, i18n.language)}` : ''}
                      {pair.source === 'suggestion' ? (
                        <span className="muted small block">{t('pairs.fromSuggestion')}</span>
                      ) : null}
                    </div>
                  </td>
                  {canEdit && status === 'active' ? (
                    <td data-label={t('pairs.actions')}>
                      <div className="cell">
                        <button
                          type="button"
                          className="button button-small button-secondary"
                          disabled={end.isPending}
                          onClick={() => end.mutate(pair.id)}
                          aria-label={t('pairs.endLabel', {
                            primary: pair.primary.name,
                            secondary: pair.secondary.name,
                          })}
                        >
                          {t('pairs.end')}
                        </button>
                      </div>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <ErrorAlert error={end.error} />
    </section>
  );
}

export function PairsPage() {
  const { t } = useTranslation('matching');
  usePageTitle(t('pairs.title'));
  const me = useCurrentUser();
  const areas = useAreas();
  const wardName = useWardName();
  const wards = (areas.data?.items ?? []).filter((area) => area.kind === 'ward');
  const [areaCode, setAreaCode] = useState('');
  const [distance, setDistance] = useState('');
  const [limit, setLimit] = useState('');
  const area = areaCode || wards[0]?.code || '';
  const maxDistanceKm = distance === '' ? undefined : Number(distance);
  const maxPairsPerClinic = limit === '' ? undefined : Number(limit);
  const isValid =
    (maxDistanceKm === undefined || (maxDistanceKm > 0 && maxDistanceKm <= 50)) &&
    (maxPairsPerClinic === undefined ||
      (Number.isInteger(maxPairsPerClinic) && maxPairsPerClinic >= 1 && maxPairsPerClinic <= 5));
  const suggestions = usePairSuggestions(isValid ? area : '', maxDistanceKm, maxPairsPerClinic);
  const canEdit = me.role === 'association_admin' || me.role === 'admin';

  return (
    <>
      <h1>{t('pairs.title')}</h1>
      <p className="lead">{t('pairs.lead')}</p>
      <div className="search-form" role="group" aria-label={t('pairs.filterLabel')}>
        <SelectField label={t('pairs.area')} value={area} onChange={(event) => setAreaCode(event.target.value)}>
          {wards.map((ward) => (
            <option key={ward.code} value={ward.code}>
              {wardName(ward, 'fullName')}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('pairs.maxDistance')}
          type="number"
          min={0.5}
          max={50}
          step={0.5}
          value={distance}
          placeholder={String(suggestions.data?.maxDistanceKm ?? '')}
          onChange={(event) => setDistance(event.target.value)}
          className="field-short"
        />
        <TextField
          label={t('pairs.maxPairs')}
          type="number"
          min={1}
          max={5}
          value={limit}
          placeholder={String(suggestions.data?.maxPairsPerClinic ?? '')}
          onChange={(event) => setLimit(event.target.value)}
          className="field-short"
        />
      </div>
      {!isValid ? <p className="alert alert-warning">{t('pairs.invalidOptions')}</p> : null}
      <ErrorAlert error={suggestions.error} />
      {suggestions.isPending && isValid ? <p role="status">{t('common.loading')}</p> : null}
      {suggestions.data ? <Suggestions key={area} data={suggestions.data} canSave={canEdit} areaCode={area} /> : null}
      {area ? <PairList areaCode={area} canEdit={canEdit} /> : null}
    </>
  );
}
