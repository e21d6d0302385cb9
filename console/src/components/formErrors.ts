import type { FormInstance } from 'antd';
import { fieldErrorsOf } from '../api/errors';

type Name = (string | number)[];

/**
 * Marks on the form the fields a refusal names (400/422 `details`). A path
 * deeper than any field (`coUnits.1`) lands on the nearest field that
 * exists (`coUnits`); paths naming no field are left to the page's message.
 */
export function markRefusedFields(form: FormInstance, error: unknown, isField: (name: Name) => boolean): number {
  const byField = new Map<string, { name: Name; errors: string[] }>();
  for (const { name, message } of fieldErrorsOf(error)) {
    let target: Name | undefined;
    for (let length = name.length; length > 0 && !target; length -= 1) {
      const prefix = name.slice(0, length);
      if (isField(prefix)) target = prefix;
    }
    if (!target) continue;
    const key = JSON.stringify(target);
    const entry = byField.get(key) ?? { name: target, errors: [] };
    entry.errors.push(message);
    byField.set(key, entry);
  }
  const fields = [...byField.values()];
  form.setFields(fields);
  // The first field refused may be far down a long form: bring it into view.
  if (fields[0]) form.scrollToField(fields[0].name, { block: 'center' });
  return fields.length;
}
