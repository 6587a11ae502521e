/**
 * Choose one organisation by searching its name or kana (GET organizations?q=): a search box and radio buttons. Each
 * result names its kind and address, and what tells it from another of the same name (its official code, else the
 * source of the record: 出典).
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrganizations } from '../api/queries';
import type { OrganizationKind } from '../codes';
import { ErrorAlert } from './ErrorAlert';
import { dataSourceText } from '../i18n/server-text';
import type { Organization } from '../api/types';
import { tellingDetailOf } from './organization-picker-detail';

export type PickedOrganization = { id: string; name: string; kind: OrganizationKind };

type Props = {
  value: PickedOrganization | null;
  onChange: (organization: PickedOrganization | null) => void;
  /** Restrict the search to the members of one medical association. */
  associationId?: string | undefined;
  error?: string | undefined;
  /** Only organisations of these kinds can be chosen (others are shown, marked and disabled). */
  kinds?: readonly OrganizationKind[] | undefined;
  /** Said under the legend: which organisations fit. */
  hint?: string | undefined;
  /** The fieldset's legend; 「所属組織」 (a user's organisation) unless told. */
  legend?: string | undefined;
};

const resultLimit = 20;

/** 「医療機関コード 3312345678」, 「介護保険事業所番号 …」 or 「出典: 利用者が登録した情報」. */
function useTellingDetail() {
  const { t, i18n } = useTranslation();
  return (organization: Organization): string => {
    const detail = tellingDetailOf(organization);
    if (detail.kind === 'source')
      return t('picker.source', { source: dataSourceText(i18n, organization.source).attribution });
    return t('picker.code', { label: t(`organization.${detail.kind}`), code: detail.value });
  };
}

export function OrganizationPicker({ value, onChange, associationId, error, kinds, hint, legend }: Props) {
  const { t } = useTranslation();
  const tellingDetail = useTellingDetail();
  const id = useId();
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const results = useOrganizations({ q: query, associationId, limit: resultLimit }, { enabled: query !== '' });
  const items = results.data?.pages[0]?.items ?? [];
  const hasMore = Boolean(results.data?.pages[0]?.nextCursor);

  const search = () => setQuery(text.trim());

  return (
    <fieldset
      className="picker"
      aria-describedby={[hint ? `${id}-hint` : '', error ? `${id}-error` : ''].join(' ').trim() || undefined}
    >
      <legend>{legend ?? t('picker.legend')}</legend>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {value ? (
        <p className="picker-selected">
          {t('picker.selected', { name: value.name })}{' '}
          <button type="button" className="button button-small button-secondary" onClick={() => onChange(null)}>
            {t('picker.clear')}
          </button>
        </p>
      ) : (
        <p className="picker-selected muted">{t('picker.none')}</p>
      )}
      <div className="inline-form">
        <div className="field">
          <label htmlFor={`${id}-q`}>{t('picker.searchLabel')}</label>
          <input
            id={`${id}-q`}
            type="search"
            value={text}
            onChange={(event) => setText(event.target.value)}
            onKeyDown={(event) => {
              // The picker lives inside another form: Enter searches instead of submitting that form.
              if (event.key === 'Enter') {
                event.preventDefault();
                search();
              }
            }}
          />
        </div>
        <button type="button" className="button button-secondary" onClick={search}>
          {t('common.search')}
        </button>
      </div>
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      <ErrorAlert error={results.error} />
      <div role="status" className="status-region">
        {query !== '' && results.isSuccess ? (
          <p className="muted">
            {items.length === 0
              ? t('picker.noResults')
              : hasMore
                ? t('picker.manyResults', { count: items.length })
                : t('picker.resultCount', { count: items.length })}
          </p>
        ) : null}
      </div>
      {items.length > 0 ? (
        <ul className="picker-results">
          {items.map((organization) => {
            const isAllowed = !kinds || kinds.includes(organization.kind);
            return (
              <li key={organization.id}>
                <label className="choice">
                  <input
                    type="radio"
                    name={`${id}-organization`}
                    checked={value?.id === organization.id}
                    disabled={!isAllowed}
                    onChange={() => onChange({ id: organization.id, name: organization.name, kind: organization.kind })}
                  />
                  <span>
                    {organization.name}
                    <span className="muted">
                      {' '}
                      {t('picker.resultMeta', {
                        kind: t(`codes.kind.${organization.kind}`),
                        address: organization.address,
                        detail: tellingDetail(organization),
                      })}
                    </span>
                    {isAllowed ? null : <span className="muted"> {t('picker.kindNotAllowed')}</span>}
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
      ) : null}
    </fieldset>
  );
}
