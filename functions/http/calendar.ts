import { systemClock } from '../adapters/clock';
import { DynamoCalendarStore } from '../adapters/dynamodb/calendar-store';
import { enterYear, readYear } from '../use-cases/working-calendar';
import { httpApi, implement } from './api';
import { contract } from './contract';

const calendar = new DynamoCalendarStore();
const deps = { calendar, clock: systemClock };

export const handler = httpApi('calendar', [
  implement(contract.getCalendarYear, async ({ params }) => ({ body: await readYear(calendar, params.year) })),
  implement(contract.enterCalendarYear, async ({ caller, params, body }) => ({
    body: { ...(await enterYear(deps, caller, params.year, body)), source: 'office' },
  })),
]);
