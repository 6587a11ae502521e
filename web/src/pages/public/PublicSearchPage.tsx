/**
 * 近くの在宅医療・介護をさがす (/public/search): for citizens, no login, phone first. Where (address, postal code or
 * ward) and what is needed in everyday words — one thing or several, met together by one provider (citizen-needs.ts;
 * two that no kind of provider gives together are refused with the reason) — then the public search
 * (GET public/resources/search?need=…) with plain-word acceptance and freshness and a tel: link per result. Asked
 * where to consult first, the page always names the 地域包括支援センター for the place, whatever the distance chosen
 * (the answer's `supportCenters`). Wards are named in the language shown.
 */
import { useEffect, useRef, useState, type SubmitEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { usePublicConfig } from '../../api/queries';
import { usePublicResourceSearch, usePublicWards } from '../../api/directory';
import { usePageTitle } from '../../usePageTitle';
import { TextField } from '../../components/TextField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CitizenResult, distanceBasis } from '../../components/directory/CitizenResult';
import { wardNamed } from '../../components/directory/search-filters';
import { CitizenSources } from '../../components/public/CitizenSources';
import { useWardName } from '../../components/public/ward-names';
import { extraSupportCenters, supportCentersOf } from '../../components/public/support-centers';
import { ContactHelp } from '../../components/public/ContactHelp';
import { usePrintDate } from '../../components/public/usePrintDate';
import { formatDate } from '../../format';
import { citizenNeeds, filtersForNeeds, publicQueryFor, toggledNeeds } from './citizen-needs';
import { draftFrom, paramsFrom, radiusChoices, type Draft } from './search-params';
import { placeErrorInLanguage } from './search-error';
import type { PublicSearchResult } from '../../api/directory';

/** The heading of whom to ask when a result has no phone, linked from those results. */
const contactHelpId = 'citizen-contact-help';

/** Results shown at first and added by each 「もっと見る」, up to what the API allows. */
const citizenResultLimit = 30;
const maxResultLimit = 500;

export function PublicSearchPage() {
  const { t, i18n } = useTranslation('public');
  usePageTitle(t('search.title'));
  const [params, setParams] = useSearchParams();
  const wards = usePublicWards();
  const parsed = draftFrom(params);
  // A ward typed as the place (北区, 岡山市北区 — in a link too) searches the whole ward, as its button does; until the
  // wards are known nothing is searched, so that the search does not start around the ward's centre first.
  const isTypedPlace = parsed.areaCode === null && parsed.place.trim() !== '';
  const typedWard = isTypedPlace ? wardNamed(parsed.place, wards.data ?? []) : undefined;
  const applied = typedWard ? { ...parsed, place: typedWard.fullName, areaCode: typedWard.code } : parsed;
  const isWardListPending = isTypedPlace && wards.isPending;
  const [draft, setDraft] = useState<Draft>(applied);
  const [problems, setProblems] = useState<{ place?: string; need?: string }>({});
  const wardName = useWardName();
  const config = usePublicConfig();
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const hasSubmitted = useRef(false);
  const isShowingMore = useRef(false);
  const printDate = usePrintDate();

  const paramsText = params.toString();
  // 「もっと見る」 raises the limit of this search (a new search starts again at the first results); the results
  // already shown stay in place while the longer list loads.
  const [more, setMore] = useState<{ search: string; limit: number; shown: PublicSearchResult[] }>({
    search: '',
    limit: citizenResultLimit,
    shown: [],
  });
  const isMoreOfThis = more.search === paramsText;
  const resultLimit = isMoreOfThis ? more.limit : citizenResultLimit;
  // Back and forward between searches: the form follows the address bar.
  useEffect(() => setDraft(draftFrom(new URLSearchParams(paramsText))), [paramsText]);

  const hasPlace = applied.place.trim() !== '' || applied.areaCode !== null;
  // Needs no one kind of provider gives together are refused on the form (a link from elsewhere may still hold them).
  const appliedConflict = filtersForNeeds(applied.needs).conflict;
  const canMeetNeeds = applied.needs.length > 0 && appliedConflict === null;
  // 「訪問看護・看取り」: what was asked for, as the count and the empty result name it.
  const needText = applied.needs.map((id) => t(`needs.${id}.label`)).join(t('search.needsJoin'));
  const hasSeveralNeeds = applied.needs.length > 1;
  // A ward searches the whole ward; anything else is located by the server (`near`).
  const query =
    canMeetNeeds && hasPlace && !isWardListPending
      ? publicQueryFor(applied.needs, applied.areaCode ? { areaCode: applied.areaCode } : { place: applied.place }, {
          isAcceptingOnly: applied.isAcceptingOnly,
          radiusKm: applied.radiusKm,
          limit: resultLimit,
        })
      : null;
  const search = usePublicResourceSearch(query);

  // After the visitor's own search, the results are where attention goes next (on a phone they are below the form).
  useEffect(() => {
    if (search.isSuccess && hasSubmitted.current) {
      hasSubmitted.current = false;
      resultsHeading.current?.focus();
    }
  }, [search.isSuccess, search.data]);

  // 「もっと見る」 keeps the focus while there is more; when the list is complete the button goes, and the focus
  // goes back to the results heading instead of being lost.
  const mayHaveMore = search.isSuccess && search.data.items.length >= resultLimit && resultLimit < maxResultLimit;
  useEffect(() => {
    if (search.isSuccess && isShowingMore.current) {
      isShowingMore.current = false;
      if (!mayHaveMore) resultsHeading.current?.focus();
    }
  }, [search.isSuccess, search.data, mayHaveMore]);

  const update = (change: Partial<Draft>) => setDraft((current) => ({ ...current, ...change }));

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const found: { place?: string; need?: string } = {};
    if (!draft.place.trim() && !draft.areaCode) found.place = t('search.placeMissing');
    const conflict = filtersForNeeds(draft.needs).conflict;
    if (draft.needs.length === 0) found.need = t('search.needMissing');
    else if (conflict) {
      found.need = t('search.needsConflict', {
        first: t(`needs.${conflict[0]}.label`),
        second: t(`needs.${conflict[1]}.label`),
      });
    }
    setProblems(found);
    if (found.place || found.need) {
      // The problem is shown beside its field, which on a phone may be far above: go there, and let it be read.
      const form = event.currentTarget as HTMLFormElement;
      window.requestAnimationFrame(() => {
        const target = found.place
          ? form.querySelector<HTMLElement>('input[aria-invalid="true"]')
          : form.querySelector<HTMLElement>('.need-choices input');
        target?.focus({ preventScroll: true });
        (found.place ? target : form.querySelector<HTMLElement>('.need-choices'))?.scrollIntoView({ block: 'center' });
      });
      return;
    }
    const ward = draft.areaCode ? undefined : wardNamed(draft.place, wards.data ?? []);
    hasSubmitted.current = true;
    setParams(paramsFrom(ward ? { ...draft, place: ward.fullName, areaCode: ward.code } : draft));
  };

  const isLoadingMore = isMoreOfThis && search.isPending;
  const items = query ? (search.data?.items ?? (isLoadingMore ? more.shown : [])) : [];
  const isWard = applied.areaCode !== null;
  const showMore = () => {
    isShowingMore.current = true;
    setMore({ search: paramsText, limit: Math.min(resultLimit + citizenResultLimit, maxResultLimit), shown: items });
  };
  // A place that could not be located is explained by the server in Japanese; other languages use their own words.
  const searchError = placeErrorInLanguage(search.error, i18n.language, (kind) =>
    kind === 'outsideCity'
      ? t('search.errors.outsideCity', { place: applied.place })
      : t('search.errors.notFound', { place: applied.place }),
  );
  const origin = search.data?.origin;
  const distanceFrom = distanceBasis(isWard, origin?.precision, origin?.areaCode);
  const appliedWard = wards.data?.find((ward) => ward.code === applied.areaCode);
  // A place found only as its ward is named as that ward, in the language shown.
  const originWard =
    origin?.precision === 'ward' ? wards.data?.find((ward) => ward.code === origin.areaCode) : undefined;
  const where = applied.areaCode
    ? appliedWard
      ? wardName(appliedWard, 'fullName')
      : applied.place
    : originWard
      ? wardName(originWard, 'fullName')
      : (origin?.label ?? applied.place);
  // A ward's search starts from its representative point, a 町丁目 in its built-up centre (origin.town).
  const wardTown = origin?.basis === 'area' ? origin.town : null;
  // 地域包括支援センター for a consultation: those serving the place's ward that the results do not already list.
  const supportCenters = query && search.isSuccess ? supportCentersOf(search.data) : null;
  const extraCenters = extraSupportCenters(supportCenters, items, isWard ? null : applied.radiusKm);
  const supportWard = wards.data?.find((ward) => ward.code === supportCenters?.areaCode);
  const supportWardName = supportWard ? wardName(supportWard) : null;
  const hasShownResults = query !== null && search.isSuccess && (items.length > 0 || extraCenters.items.length > 0);

  return (
    <div className="citizen-search-page">
      <h1>{t('search.title')}</h1>
      <p className="lead">{t('search.lead')}</p>
      {/* Printed, the results are headed by what was searched and when, instead of the form. */}
      {hasShownResults ? (
        <div className="print-only citizen-print-header">
          <dl>
            <div>
              <dt>{t('search.print.place')}</dt>
              <dd>{isWard ? where : t('search.print.nearPlace', { where, km: applied.radiusKm })}</dd>
            </div>
            <div>
              <dt>{t('search.print.needs')}</dt>
              <dd>{needText}</dd>
            </div>
            <div>
              <dt>{t('search.print.date')}</dt>
              <dd>{t('search.print.dateValue', { date: formatDate(printDate, i18n.language) })}</dd>
            </div>
          </dl>
          <p className="small">{t('search.print.issued')}</p>
        </div>
      ) : null}

      <form className="citizen-form" onSubmit={submit} noValidate role="search" aria-label={t('search.formLabel')}>
        <fieldset>
          <legend>{t('search.whereLegend')}</legend>
          <TextField
            label={t('search.place')}
            hint={t('search.placeHint')}
            value={draft.place}
            // The server takes up to 200 characters (GET …/search `near`): no longer address can be typed.
            maxLength={200}
            onChange={(event) => update({ place: event.target.value, areaCode: null })}
            autoComplete="postal-code"
            error={problems.place}
          />
          <div className="citizen-wards" role="group" aria-label={t('search.wardLabel')}>
            <span className="small" aria-hidden="true">
              {t('search.wardLabel')}
            </span>
            {(wards.data ?? []).map((ward) => (
              <button
                key={ward.code}
                type="button"
                className="button button-secondary"
                aria-pressed={draft.areaCode === ward.code}
                onClick={() => update({ place: ward.fullName, areaCode: ward.code })}
              >
                {wardName(ward)}
              </button>
            ))}
          </div>
        </fieldset>

        <fieldset className="need-choices" aria-describedby={problems.need ? 'need-hint need-error' : 'need-hint'}>
          <legend>{t('search.needLegend')}</legend>
          <p className="field-hint" id="need-hint">
            {t('search.needHint')}
          </p>
          {problems.need ? (
            <p className="field-error" id="need-error">
              {problems.need}
            </p>
          ) : null}
          <div className="need-grid">
            {citizenNeeds.map((choice) => (
              <label key={choice.id} className="need-choice">
                <input
                  type="checkbox"
                  name="need"
                  value={choice.id}
                  checked={draft.needs.includes(choice.id)}
                  onChange={(event) =>
                    setDraft((current) => ({
                      ...current,
                      needs: toggledNeeds(current.needs, choice.id, event.target.checked),
                    }))
                  }
                />
                <span className="need-label">{t(`needs.${choice.id}.label`)}</span>
                <span className="need-hint">{t(`needs.${choice.id}.hint`)}</span>
              </label>
            ))}
          </div>
        </fieldset>

        <fieldset>
          <legend>{t('search.moreLegend')}</legend>
          <div className="field">
            <label htmlFor="citizen-radius">{t('search.radius')}</label>
            <select
              id="citizen-radius"
              value={draft.radiusKm}
              onChange={(event) => update({ radiusKm: Number(event.target.value) })}
              disabled={draft.areaCode !== null}
              aria-describedby="citizen-radius-hint"
            >
              {radiusChoices.map((km) => (
                <option key={km} value={km}>
                  {t('search.radiusValue', { km })}
                </option>
              ))}
            </select>
            <p className="field-hint" id="citizen-radius-hint">
              {draft.areaCode ? t('search.radiusWardHint') : t('search.radiusHint')}
            </p>
          </div>
          <label className="choice">
            <input
              type="checkbox"
              checked={draft.isAcceptingOnly}
              onChange={(event) => update({ isAcceptingOnly: event.target.checked })}
            />
            <span>{t('search.acceptingOnly')}</span>
          </label>
        </fieldset>
        <button type="submit" className="button button-large citizen-submit">
          {t('search.submit')}
        </button>
      </form>

      <section aria-labelledby="citizen-results-heading" className="citizen-results-section">
        <h2 id="citizen-results-heading" ref={resultsHeading} tabIndex={-1}>
          {t('search.resultsTitle')}
        </h2>
        <ErrorAlert error={searchError} />
        <div className="status-region" role="status">
          {!query ? (
            <p>
              {appliedConflict && hasPlace
                ? t('search.needsConflict', {
                    first: t(`needs.${appliedConflict[0]}.label`),
                    second: t(`needs.${appliedConflict[1]}.label`),
                  })
                : t('search.notYet')}
            </p>
          ) : null}
          {query && search.isPending ? <p>{isLoadingMore ? t('search.loadingMore') : t('search.searching')}</p> : null}
          {query && search.isSuccess ? (
            <p className="citizen-count">
              {items.length === 0
                ? extraCenters.items.length > 0
                  ? isWard
                    ? t('support.noneInWard', { where })
                    : t('support.noneNear', { where, km: applied.radiusKm })
                  : [
                      isWard
                        ? t('search.noResultsWard', { where, need: needText })
                        : t('search.noResults', { where, km: applied.radiusKm, need: needText }),
                      hasSeveralNeeds ? t('search.fewerNeeds') : null,
                      applied.isAcceptingOnly ? t('search.uncheckAccepting') : null,
                    ]
                      .filter((sentence) => sentence !== null)
                      .join(' ')
                : // More may follow (「もっと見る」): the count says 「…件以上」, not a total.
                  applied.areaCode
                  ? t(mayHaveMore ? 'search.countWardMore' : 'search.countWard', {
                      where,
                      need: needText,
                      count: items.length,
                    })
                  : t(mayHaveMore ? 'search.countMore' : 'search.count', {
                      where,
                      km: applied.radiusKm,
                      need: needText,
                      count: items.length,
                    })}
            </p>
          ) : null}
        </div>
        {query && !applied.areaCode && origin?.precision === 'ward' ? (
          <p className="alert alert-info">
            {wardTown
              ? t('search.wardOnlyTown', { place: applied.place, ward: where, town: wardTown })
              : t('search.wardOnly', { place: applied.place, ward: where })}
          </p>
        ) : null}
        {items.length > 0 ? (
          <>
            {/* In a ward the search starts from the ward's built-up centre, not from the reader's home: say so, and
                never advise a narrower distance there (the distance cannot be chosen for a ward). */}
            <p className="small">
              {isWard
                ? wardTown
                  ? t('search.orderWardTown', { ward: where, town: wardTown })
                  : t('search.orderWard', { ward: where })
                : t('search.order')}
              {mayHaveMore ? ` ${t('search.limited', { limit: resultLimit })}` : null}
            </p>
            {items.some((item) => item.isDemoProfile || item.isDemoAvailability) ? (
              <p className="small">{t('result.demo')}</p>
            ) : null}
            <ol className="citizen-results">
              {items.map((item) => (
                <CitizenResult
                  key={item.organization.id}
                  result={item}
                  distanceFrom={distanceFrom}
                  noPhoneHelpId={contactHelpId}
                />
              ))}
            </ol>
            {mayHaveMore || isLoadingMore ? (
              <p className="load-more">
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={isLoadingMore ? undefined : showMore}
                  aria-disabled={isLoadingMore}
                >
                  {isLoadingMore ? t('search.loadingMore') : t('search.more', { step: citizenResultLimit })}
                </button>
              </p>
            ) : null}
            <p className="alert alert-info citizen-check">{t('search.checkBeforeUse')}</p>
          </>
        ) : null}
        {query && search.isSuccess && items.length === 0 && extraCenters.items.length === 0 ? (
          <p>
            {t('search.noResultsHelp')} <Link to="/public/guide/discharge">{t('search.guideLink')}</Link>
          </p>
        ) : null}
      </section>

      {extraCenters.items.length > 0 && supportCenters ? (
        <section aria-labelledby="citizen-support-heading" className="citizen-results-section citizen-support-centers">
          <h2 id="citizen-support-heading">
            {supportCenters.basis === 'area' && supportWardName
              ? t('support.titleArea', { ward: supportWardName })
              : t('support.titleNearest')}
          </h2>
          <p>
            {supportCenters.basis === 'area' && supportWardName
              ? t('support.leadArea', { ward: supportWardName })
              : t('support.leadNearest')}
            {extraCenters.isBeyondRadius ? ` ${t('support.beyondRadius', { km: applied.radiusKm })}` : null}
          </p>
          <ol className="citizen-results">
            {extraCenters.items.map((item) => (
              <CitizenResult
                key={item.organization.id}
                result={item}
                distanceFrom={distanceFrom}
                noPhoneHelpId={contactHelpId}
              />
            ))}
          </ol>
        </section>
      ) : null}

      {hasShownResults ? (
        <ContactHelp variant="search" areaCode={origin?.areaCode ?? applied.areaCode} id={contactHelpId} />
      ) : null}

      <CitizenSources sources={config.data?.sources ?? []} />
    </div>
  );
}
