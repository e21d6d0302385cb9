import { systemClock } from '../adapters/clock';
import { DynamoIdempotencyStore } from '../adapters/dynamodb/idempotency-store';
import { DynamoUnitRepository } from '../adapters/dynamodb/unit-repository';
import { getUnit, listUnits } from '../use-cases/read-units';
import { registerUnit } from '../use-cases/register-unit';
import { httpApi, implement } from './api';
import { contract } from './contract';
import { replayHeaders } from './views';

const units = new DynamoUnitRepository();
const deps = { units, idempotency: new DynamoIdempotencyStore(), clock: systemClock };

export const handler = httpApi('units', [
  implement(contract.registerUnit, async ({ caller, body, idempotencyKey }) => {
    const { unit, replayed } = await registerUnit(deps, caller, body, idempotencyKey);
    return { body: unit, headers: replayHeaders(replayed) };
  }),
  implement(contract.listUnits, async ({ query }) => ({ body: await listUnits(units, query) })),
  implement(contract.getUnit, async ({ params }) => ({ body: await getUnit(units, params.unitId) })),
]);
