import { enterYear, readYear } from '../use-cases/working-calendar';
import { httpApi, implement } from './api';
import { contract } from './contract';
import { calendar, calendarEntries } from './wiring';

export const handler = httpApi('calendar', [
  implement(contract.getCalendarYear, async ({ params }) => ({ body: await readYear(calendar, params.year) })),
  implement(contract.enterCalendarYear, async ({ caller, params, body }) => ({
    body: { ...(await enterYear(calendarEntries, caller, params.year, body)), source: 'office' },
  })),
]);
