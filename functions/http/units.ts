import { getUnit, listUnits } from '../use-cases/read-units';
import { registerUnit } from '../use-cases/register-unit';
import { httpApi, implement } from './api';
import { contract } from './contract';
import { etag, replayHeaders, unitView } from './views';
import { editUnitFields, unitHistory } from '../use-cases/edit-unit';
import { officeTreeWork, roster, units } from './wiring';
import { officeTree, registerOffice } from '../use-cases/offices';

export const handler = httpApi('units', [
  implement(contract.registerUnit, async ({ caller, body, idempotencyKey }) => {
    const { unit, replayed } = await registerUnit(roster, caller, body, idempotencyKey);
    return { body: unitView(unit, caller), headers: replayHeaders(replayed) };
  }),
  implement(contract.listUnits, async ({ caller, query }) => {
    const page = await listUnits(units, query);
    return { body: { items: page.items.map((u) => unitView(u, caller)), cursor: page.cursor } };
  }),
  implement(contract.getUnit, async ({ caller, params }) => {
    const unit = await getUnit(units, params.unitId);
    return { body: unitView(unit, caller), headers: etag(unit.version) };
  }),
  implement(contract.editUnit, async ({ caller, params, body, ifMatch, idempotencyKey }) => {
    const { unit, replayed } = await editUnitFields(roster, caller, params.unitId, body, { ifMatch, idempotencyKey });
    return { body: unitView(unit, caller), headers: { ...replayHeaders(replayed), ...etag(unit.version) } };
  }),
  implement(contract.listUnitHistory, async ({ caller, params, query }) => ({
    body: await unitHistory(units, caller, params.unitId, query),
  })),
  implement(contract.registerOffice, async ({ caller, body, idempotencyKey }) => {
    const { office, replayed } = await registerOffice(officeTreeWork, caller, body, idempotencyKey);
    return { body: office, headers: replayHeaders(replayed) };
  }),
  implement(contract.listOffices, async ({ caller }) => ({ body: await officeTree(officeTreeWork, caller) })),
]);
