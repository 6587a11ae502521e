/** A fieldset of checkboxes for a list of codes, keeping the codes' own order. */
import { useTranslation } from 'react-i18next';

type Option<Value extends string> = {
  value: Value;
  label: string;
  /** A few words after the label (「登録なし」). */
  note?: string | undefined;
};

type Props<Value extends string> = {
  legend: string;
  options: Option<Value>[];
  selected: readonly Value[];
  onChange: (values: Value[]) => void;
  /** Inside another fieldset: a lighter frame. */
  isNested?: boolean;
};

export function CheckboxGroup<Value extends string>({ legend, options, selected, onChange, isNested }: Props<Value>) {
  const { t } = useTranslation();
  const toggle = (value: Value, isChecked: boolean) => {
    const next = new Set(selected);
    if (isChecked) next.add(value);
    else next.delete(value);
    onChange(options.map((option) => option.value).filter((code) => next.has(code)));
  };
  return (
    <fieldset className={isNested ? 'checkbox-group nested' : 'checkbox-group'}>
      <legend>
        {legend} <span className="muted small">{t('common.selectedCount', { count: selected.length })}</span>
      </legend>
      <div className="checkbox-grid">
        {options.map((option) => (
          <label key={option.value} className="choice">
            <input
              type="checkbox"
              checked={selected.includes(option.value)}
              onChange={(event) => toggle(option.value, event.target.checked)}
            />
            <span>
              {option.label}
              {option.note ? <span className="muted small"> {option.note}</span> : null}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
