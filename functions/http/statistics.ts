/**
 * The ledger's statistics: the overview (督查台账概览) and the yearly
 * assessment (考核), served under /reports/. The group is not called
 * "reports": in the domain a report is a unit's progress report (报送).
 */
import { shanghaiDate } from '../domain/calendar';
import { assessUnits } from '../use-cases/assess-units';
import { readOverview } from '../use-cases/read-overview';
import { leaderOf } from '../use-cases/read-items';
import { httpApi, implement } from './api';
import { contract } from './contract';
import { clock, statistics } from './wiring';

const today = () => shanghaiDate(clock.now());

export const handler = httpApi('statistics', [
  implement(contract.getLedgerOverview, async ({ caller, query }) => ({
    body: await readOverview(statistics, query.asOf ?? today(), query.leader === undefined ? undefined : leaderOf(caller, query.leader)),
  })),
  implement(contract.getAssessment, async ({ query }) => ({
    body: await assessUnits(statistics, query.year, query.asOf ?? today()),
  })),
]);
