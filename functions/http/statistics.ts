/**
 * The ledger's statistics: the overview (督查台账概览) and the yearly
 * assessment (考核), served under /reports/. The group is not called
 * "reports": in the domain a report is a unit's progress report (报送).
 */
import { systemClock } from '../adapters/clock';
import { DynamoAssessmentFacts } from '../adapters/dynamodb/assessment-facts';
import { DynamoDueQueries } from '../adapters/dynamodb/due-queries';
import { DynamoMarkers } from '../adapters/dynamodb/markers';
import { DynamoUnitRepository } from '../adapters/dynamodb/unit-repository';
import { shanghaiDate } from '../domain/calendar';
import { assessUnits } from '../use-cases/assess-units';
import { readOverview } from '../use-cases/read-overview';
import { DynamoItemRepository } from '../adapters/dynamodb/item-repository';
import { leaderOf } from '../use-cases/read-items';
import { httpApi, implement } from './api';
import { contract } from './contract';

const units = new DynamoUnitRepository();
const facts = new DynamoAssessmentFacts();
const today = () => shanghaiDate(systemClock.now());

export const handler = httpApi('statistics', [
  implement(contract.getLedgerOverview, async ({ caller, query }) => ({
    body: await readOverview(
      { due: new DynamoDueQueries(), facts, units, items: new DynamoItemRepository(), markers: new DynamoMarkers() },
      query.asOf ?? today(),
      query.leader === undefined ? undefined : leaderOf(caller, query.leader),
    ),
  })),
  implement(contract.getAssessment, async ({ query }) => ({
    body: await assessUnits({ facts, due: new DynamoDueQueries(), units, markers: new DynamoMarkers() }, query.year, query.asOf ?? today()),
  })),
]);
