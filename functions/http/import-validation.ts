import { columnOfField } from '../domain/ledger-import';
import { say } from '../messages/message';
import type { ValidateRegistration } from '../use-cases/import-ledger';
import { ItemRegistrationBody } from './schemas';
import { issueMessage } from './validation';

/**
 * A row of an imported ledger checked by the same rules as POST /items (its zod schema), said per column.
 * A file's 完成时限 is a date: the working-day form of the API (`{"workingDays": N}`) cannot come from a cell,
 * so anything but a date there is the date's own problem.
 */
export const validateImportedRow: ValidateRegistration = (input) => {
  const result = ItemRegistrationBody.safeParse(input, { reportInput: true });
  if (!result.success) {
    return {
      problems: result.error.issues.map((issue) => {
        const column = columnOfField[String(issue.path[0])];
        return { ...(column ? { column } : {}), message: issueMessage(issue) };
      }),
    };
  }
  const { dueDate } = result.data;
  if (typeof dueDate !== 'string') {
    return { problems: [{ column: columnOfField.dueDate, message: say('schema.calendar-date') }] };
  }
  return { input: { ...result.data, dueDate } };
};
