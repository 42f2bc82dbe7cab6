import { Field } from '../../../components/Field';
import { RequiredLabel } from './RequiredLabel';

/** One input of a person's group (applicant or representative), named as the API names the field. */
export interface PersonInput<K extends string> {
  name: K;
  label: string;
  required?: boolean;
  hint?: string;
  type?: 'text' | 'date' | 'tel' | 'email';
  inputMode?: 'numeric' | 'tel';
  maxLength?: number;
  min?: string;
  max?: string;
  /** Spans the whole row of the grid. */
  wide?: boolean;
}

/** A person's fields in a grid, each labelled, with its hint and error (`error(name)`). */
export function PersonFields<K extends string>({
  inputs,
  values,
  onChange,
  error,
}: {
  inputs: PersonInput<K>[];
  values: Record<K, string>;
  onChange: (name: K, value: string) => void;
  error: (name: K) => string | undefined;
}) {
  return (
    <div className="form-grid">
      {inputs.map((f) => (
        <Field
          key={f.name}
          label={f.required ? <RequiredLabel>{f.label}</RequiredLabel> : f.label}
          hint={f.hint}
          error={error(f.name)}
          className={f.wide ? 'field-wide' : undefined}
        >
          <input
            type={f.type}
            value={values[f.name]}
            inputMode={f.inputMode}
            autoComplete={f.type === 'date' ? undefined : 'off'}
            maxLength={f.maxLength}
            min={f.min}
            max={f.max}
            onChange={(e) => onChange(f.name, e.target.value)}
          />
        </Field>
      ))}
    </div>
  );
}
