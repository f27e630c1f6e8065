/**
 * What the generated schema validator calls: our `fieldGroups` keyword (at most one field of
 * each group may appear, exactly one when the group is `required`), with ajv's conventions
 * (`(schema, data)`, errors left on the function's `errors` property), and the code-point
 * length ajv uses for `maxLength`.
 */
import { hasOwn } from '../../json.js';
import type { FieldGroup } from './asl-schema.js';

/** An error in ajv's shape, for the fields the schema pass reads. */
export interface FieldGroupError {
  keyword: 'fieldGroups';
  params: { conflict?: string[]; missing?: readonly string[] };
  message: string;
}

/** True when `field` counts as present for a field group; `End: false` means "no End". */
const isPresent = (data: Record<string, unknown>, field: string): boolean =>
  hasOwn(data, field) && !(field === 'End' && data[field] === false);

/** Checks `data` against its groups; the errors of the last call are on `checkFieldGroups.errors`. */
export function checkFieldGroups(groups: readonly FieldGroup[], data: unknown): boolean {
  const errors: FieldGroupError[] = [];
  const object = data as Record<string, unknown>;
  for (const group of groups) {
    const present = group.fields.filter((field) => isPresent(object, field));
    if (present.length > 1) {
      errors.push({
        keyword: 'fieldGroups',
        params: { conflict: present },
        message: `These fields are mutually exclusive: [${present.join(', ')}]`,
      });
    } else if (present.length === 0 && group.required) {
      const message =
        group.fields[0] === 'RoleArn'
          ? "The field 'RoleArn' is required but was missing"
          : `Exactly one of these fields is required: [${group.fields.join(', ')}]`;
      errors.push({ keyword: 'fieldGroups', params: { missing: group.fields }, message });
    }
  }
  checkFieldGroups.errors = errors;
  return errors.length === 0;
}
checkFieldGroups.errors = [] as FieldGroupError[];

/** A string's length in code points, as JSON Schema's `maxLength` counts it (ajv's `ucs2length`). */
export function codePointLength(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    length++;
    const unit = text.charCodeAt(i);
    // A high surrogate followed by a low one is one code point.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
  return length;
}
