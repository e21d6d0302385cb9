/**
 * The ledger's statistics: the overview (督查台账概览) and the yearly
 * assessment (考核), served under /reports/. The group is not called
 * "reports": in the domain a report is a unit's progress report (报送).
 */
import { shanghaiDate } from '../domain/calendar';
import { assessUnits } from '../use-cases/assess-units';
import { readOverview } from '../use-cases/read-overview';
import { readOfficeToDo } from '../use-cases/office-to-do';
import { leaderOf } from '../use-cases/read-items';
import { httpApi, implement } from './api';
import { contract } from './contract';
import { requestLanguage } from './problems';
import { itemView, noticeView, saidProblems, unitView } from './views';
import { clock, officeWork, statistics, tree } from './wiring';
import { treeOverview } from '../use-cases/office-summary';

const today = () => shanghaiDate(clock.now());

export const handler = httpApi('statistics', [
  implement(contract.getLedgerOverview, async ({ caller, query }) => ({
    body: await readOverview(statistics, query.asOf ?? today(), query.leader === undefined ? undefined : leaderOf(caller, query.leader)),
  })),
  implement(contract.getTreeOverview, async () => ({ body: await treeOverview(tree) })),
  implement(contract.getOfficeToDo, async ({ caller, event }) => {
    const toDo = await readOfficeToDo(officeWork);
    const language = requestLanguage(event);
    const now = clock.now();
    const items = (list: typeof toDo.claims) => list.map((i) => itemView(i, now, caller, language));
    return {
      body: {
        extensions: items(toDo.extensions),
        claims: items(toDo.claims),
        rectifications: toDo.rectifications.map((r) => ({ ...r, notice: noticeView(r.notice, caller) })),
        bounced: toDo.bounced.map((u) => unitView(u, caller)),
        importsLeft: toDo.importsLeft.map(({ version: _, ...left }) => ({ ...left, rows: saidProblems(left.rows, language) })),
      },
    };
  }),
  implement(contract.getAssessment, async ({ query }) => ({
    body: await assessUnits(statistics, query.year, query.asOf ?? today()),
  })),
]);
