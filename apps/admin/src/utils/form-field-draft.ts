import { FIELD_TYPES, type FieldType, type SectionKey } from '@ssb/domain/application-form';

/** Types the "new field" dialog offers: a table needs a column editor, which the console does not have. */
export const ADDABLE_FIELD_TYPES = FIELD_TYPES.filter((type) => type !== 'table');

/** What the dialog holds: strings for the optional inputs, so empty means "not set". No key: the server gives one. */
export type FieldDraft = {
  section: SectionKey | '';
  label: string;
  labelEn: string;
  type: FieldType | '';
  required: boolean;
  help: string;
  maxLength: number | undefined;
  min: number | undefined;
  max: number | undefined;
  unit: string;
  options: Array<{ label: string }>;
};

export const blankFieldDraft = (): FieldDraft => ({
  section: '', label: '', labelEn: '', type: '', required: false, help: '', maxLength: undefined, min: undefined, max: undefined, unit: '', options: [],
});

/**
 * The candidate field for `ZNewFormField`: empty optional inputs dropped, and only the settings that
 * mean something for the chosen type (a length for text, bounds and unit for numbers, options for a select).
 */
export function draftToField(draft: FieldDraft): Record<string, unknown> {
  const field: Record<string, unknown> = { section: draft.section, label: draft.label.trim(), type: draft.type, required: draft.required };
  if (draft.labelEn.trim()) field.labelEn = draft.labelEn.trim();
  if (draft.help.trim()) field.help = draft.help.trim();
  if ((draft.type === 'text' || draft.type === 'textarea') && draft.maxLength !== undefined && draft.maxLength !== null) field.maxLength = draft.maxLength;
  if (draft.type === 'number') {
    if (draft.min !== undefined && draft.min !== null) field.min = draft.min;
    if (draft.max !== undefined && draft.max !== null) field.max = draft.max;
    if (draft.unit.trim()) field.unit = draft.unit.trim();
  }
  if (draft.type === 'select') field.options = draft.options.map((o) => ({ label: o.label.trim() }));
  return field;
}

export type FieldDraftProblem = 'duplicateLabel' | 'optionsRequired' | 'duplicateOption' | 'minAboveMax';

/** Checks the schema cannot make on its own: a name not on the form yet, a select with distinct options, sane bounds. */
export function fieldDraftProblems(draft: FieldDraft, existingLabels: readonly string[]): Partial<Record<'label' | 'options' | 'max', FieldDraftProblem>> {
  const problems: Partial<Record<'label' | 'options' | 'max', FieldDraftProblem>> = {};
  if (draft.label.trim() && existingLabels.includes(draft.label.trim())) problems.label = 'duplicateLabel';
  if (draft.type === 'select') {
    if (draft.options.length === 0) problems.options = 'optionsRequired';
    else if (new Set(draft.options.map((o) => o.label.trim())).size !== draft.options.length) problems.options = 'duplicateOption';
  }
  if (draft.type === 'number' && draft.min != null && draft.max != null && draft.min > draft.max) problems.max = 'minAboveMax';
  return problems;
}
