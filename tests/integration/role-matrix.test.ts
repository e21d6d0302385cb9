import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../scripts/local/tokens';
import { contract } from '../../functions/http/contract';
import { api, registerUnitWithHead, tokenFor } from './support';

/**
 * Every route × every kind of caller, one expected status each (issue 11). The table's rows are the
 * contract's operations: a route added to contract.ts without a row here fails the first test, so
 * nobody adds a route without saying who may call it. Columns: the office, a leader, an inspector, the
 * item's lead unit, a co-unit, a unit with nothing to do with it, no token, an expired token, a token
 * signed with another key. Each cell that may succeed gets fixtures of its own (a fresh item in the
 * status the route needs), so no cell depends on what another one did; the refused cells of a row share one.
 */
const callers = ['office', 'leader', 'inspector', 'lead', 'co', 'unrelated', 'none', 'expired', 'forged'] as const;
type Who = (typeof callers)[number];
type OperationId = keyof typeof contract;
type Row = Record<Who, number>;

/** A row for routes behind the authorizer: the nine statuses in the order of `callers`. */
function row(office: number, leader: number, inspector: number, lead: number, co: number, unrelated: number): Row {
  return { office, leader, inspector, lead, co, unrelated, none: 401, expired: 401, forged: 401 };
}

// biome-ignore format: one line per route reads as the table it is
const matrix: Record<OperationId, Row> = {
  //                         office leader inspector lead   co     unrelated
  registerUnit:          row(201,   403,   403,      403,   403,   403),
  listUnits:             row(200,   200,   200,      200,   200,   200),
  getUnit:               row(200,   200,   200,      200,   200,   200),
  // An office registers the office of a government in its roster, below itself; the tree is anyone's to read.
  registerOffice:        row(201,   403,   403,      403,   403,   403),
  listOffices:           row(200,   200,   200,      200,   200,   200),
  registerItem:          row(201,   403,   403,      403,   403,   403),
  // 分解下达 is a county office's (tests/integration/cascade.test.ts): the root office has no office above (422).
  cascadeItem:           row(422,   403,   403,      403,   403,   403),
  getItemCascade:        row(200,   200,   200,      200,   200,   404),
  listItems:             row(200,   200,   200,      200,   200,   200),
  getItem:               row(200,   200,   200,      200,   200,   404),
  listItemHistory:       row(200,   200,   200,      200,   200,   404),
  verifyItemHistory:     row(200,   200,   200,      403,   403,   403),
  acknowledgeItem:       row(403,   403,   403,      200,   200,   404),
  submitReport:          row(403,   403,   403,      201,   201,   404),
  listReports:           row(200,   200,   200,      200,   200,   404),
  requestExtension:      row(403,   403,   403,      201,   403,   404),
  listExtensionRequests: row(200,   200,   200,      200,   200,   404),
  decideExtension:       row(200,   403,   403,      403,   403,   403),
  claimCompletion:       row(403,   403,   403,      200,   403,   404),
  verifyItem:            row(200,   403,   200,      403,   403,   403),
  issueNotice:           row(201,   403,   403,      403,   403,   403),
  listNotices:           row(200,   200,   200,      200,   200,   200),
  getNotice:             row(200,   200,   200,      200,   404,   404),
  submitRectification:   row(403,   403,   403,      201,   404,   404),
  recordReferral:        row(201,   403,   403,      403,   403,   403),
  listReferrals:         row(200,   200,   403,      403,   403,   403),
  getLedgerOverview:     row(200,   200,   403,      403,   403,   403),
  getAssessment:         row(200,   200,   403,      403,   403,   403),
  getTreeOverview:       row(200,   200,   403,      403,   403,   403),
  getOfficeToDo:         row(200,   403,   403,      403,   403,   403),
  exportLedgerCsv:       row(200,   200,   403,      403,   403,   403),
  exportLedgerXlsx:      row(200,   200,   403,      403,   403,   403),
  exportAssessmentXlsx:  row(200,   200,   403,      403,   403,   403),
  editUnit:              row(200,   403,   403,      403,   403,   403),
  listUnitHistory:       row(200,   200,   200,      200,   403,   403),
  editItem:              row(200,   403,   403,      403,   403,   403),
  moveItemDeadline:      row(200,   403,   403,      403,   403,   403),
  reassignItem:          row(200,   403,   403,      403,   403,   403),
  withdrawItem:          row(200,   403,   403,      403,   403,   403),
  returnReport:          row(200,   403,   403,      403,   403,   403),
  importLedger:          row(200,   403,   403,      403,   403,   403),
  importRoster:          row(200,   403,   403,      403,   403,   403),
  listRectifications:    row(200,   200,   403,      200,   404,   404),
  getUnitRectifications: row(200,   200,   403,      200,   404,   404),
  reviewRectification:   row(200,   403,   403,      403,   403,   403),
  withdrawNotice:        row(200,   403,   403,      403,   403,   403),
  // 一事一档 is the archive's: the office and leaders; units and inspectors are refused before anything is read.
  exportItemDossier:     row(200,   200,   403,      403,   403,   403),
  requestUpload:         row(201,   403,   201,      201,   201,   201),
  // Before it is attached, a file is its uploader's (the lead unit's) alone: anyone else is told it does not exist.
  getAttachment:         row(404,   404,   404,      200,   404,   404),
  getCalendarYear:       row(200,   200,   200,      200,   200,   200),
  enterCalendarYear:     row(200,   403,   403,      403,   403,   403),
  // Public: the token is not even looked at.
  getOpenApiDocument:    Object.fromEntries(callers.map((who) => [who, 200])) as Row,
  listPublicNotices:     Object.fromEntries(callers.map((who) => [who, 200])) as Row,
  getPublicNoticesAtom:  Object.fromEntries(callers.map((who) => [who, 200])) as Row,
};

const tag = randomUUID().slice(0, 8);
const units = { lead: `mx-lead-${tag}`, co: `mx-co-${tag}`, unrelated: `mx-other-${tag}` };
const tokens = {} as Record<Who, string | undefined>;
let counter = 0;
const fresh = (what: string) => `${what}-${tag}-${++counter}`;

async function ok(method: 'POST', path: string, token: string | undefined, body?: unknown): Promise<Record<string, any>> {
  const res = await api(method, path, { token, body });
  if (res.status >= 300) throw new Error(`fixture ${method} ${path} answered ${res.status}: ${res.text}`);
  return res.json;
}

type Stage = 'assigned' | 'acknowledged' | 'in-progress' | 'fully-reported' | 'completion-claimed';
const report = { summary: '按计划推进', percentComplete: 30, answers: [{ requirement: 0, answer: '已完成前期工作' }] };

/** A fresh item of the lead and co-unit, brought to `stage`. */
async function itemAt(stage: Stage): Promise<string> {
  const item = await ok('POST', '/items', tokens.office, {
    title: `权限矩阵 ${fresh('item')}`,
    source: 'meeting-decision',
    sourceRef: '市政府常务会议纪要',
    leadUnit: units.lead,
    coUnits: [units.co],
    dueDate: '2099-12-31',
    requirements: ['工作进展情况'],
  });
  const id = item.id as string;
  if (stage === 'assigned') return id;
  await ok('POST', `/items/${id}/acknowledge`, tokens.lead);
  if (stage === 'acknowledged') return id;
  await ok('POST', `/items/${id}/reports`, tokens.lead, report);
  if (stage === 'in-progress') return id;
  // A completion claim needs the lead's latest report at 100 %.
  await ok('POST', `/items/${id}/reports`, tokens.lead, { ...report, percentComplete: 100 });
  if (stage === 'fully-reported') return id;
  await ok('POST', `/items/${id}/completion`, tokens.lead, { summary: '全部完成' });
  return id;
}

/** A notice naming the lead unit only (so the co-unit is a unit it does not concern). */
async function notice(): Promise<string> {
  const issued = await ok('POST', '/notices', tokens.office, {
    level: 'office',
    unitIds: [units.lead],
    reason: `未按期报送 ${fresh('n')}`,
  });
  return issued.id as string;
}

interface Probe {
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** A body that is not JSON (a file), sent as it is. */
  raw?: string;
}

/** A fresh item is at version 1: the edits name it in If-Match. */
const firstVersion = { 'If-Match': '"1"' };

/** The request each route gets, made fresh for every caller (fixtures of its own). */
const probes: Record<OperationId, (who: Who) => Promise<Probe>> = {
  registerUnit: async () => ({
    path: '/units',
    body: { id: fresh('mx-unit'), name: '矩阵单位', kind: 'department', contacts: [] },
  }),
  listUnits: async () => ({ path: '/units' }),
  getUnit: async () => ({ path: `/units/${units.lead}` }),
  registerOffice: async () => {
    const county = await ok('POST', '/units', tokens.office, { id: fresh('mx-county'), name: '矩阵县人民政府', kind: 'county' });
    return { path: '/offices', body: { slug: fresh('mx'), name: '矩阵县政府督查室', unitId: county.id, noticeNumberPrefix: '矩阵政督通' } };
  },
  listOffices: async () => ({ path: '/offices' }),
  registerItem: async () => ({
    path: '/items',
    body: {
      title: `权限矩阵 ${fresh('reg')}`,
      source: 'meeting-decision',
      sourceRef: '纪要',
      leadUnit: units.lead,
      dueDate: '2099-12-31',
      requirements: ['进展'],
    },
  }),
  listItems: async () => ({ path: '/items' }),
  cascadeItem: async () => ({
    path: '/cascades',
    body: { parentItemId: await itemAt('assigned'), children: [{ leadUnit: units.lead, dueDate: '2099-12-30' }] },
  }),
  getItemCascade: async () => ({ path: `/items/${await itemAt('assigned')}/cascade` }),
  getItem: async () => ({ path: `/items/${await itemAt('assigned')}` }),
  listItemHistory: async () => ({ path: `/items/${await itemAt('assigned')}/history` }),
  verifyItemHistory: async () => ({ path: `/items/${await itemAt('assigned')}/history/verify` }),
  acknowledgeItem: async () => ({ path: `/items/${await itemAt('assigned')}/acknowledge` }),
  submitReport: async () => ({ path: `/items/${await itemAt('acknowledged')}/reports`, body: report }),
  listReports: async () => ({ path: `/items/${await itemAt('assigned')}/reports` }),
  requestExtension: async () => ({
    path: `/items/${await itemAt('acknowledged')}/extension-requests`,
    body: { newDueDate: '2100-06-30', reason: '汛期停工' },
  }),
  listExtensionRequests: async () => ({ path: `/items/${await itemAt('assigned')}/extension-requests` }),
  decideExtension: async () => {
    const id = await itemAt('acknowledged');
    const request = await ok('POST', `/items/${id}/extension-requests`, tokens.lead, { newDueDate: '2100-06-30', reason: '汛期停工' });
    return { path: `/items/${id}/extension-requests/${request.id}/decision`, body: { approve: true, note: '同意' } };
  },
  claimCompletion: async () => ({ path: `/items/${await itemAt('fully-reported')}/completion`, body: { summary: '全部完成' } }),
  verifyItem: async () => ({
    path: `/items/${await itemAt('completion-claimed')}/verification`,
    body: { method: 'desk', passed: true, findings: '材料齐全' },
  }),
  issueNotice: async () => ({ path: '/notices', body: { level: 'office', unitIds: [units.lead], reason: '未按期报送' } }),
  listNotices: async () => ({ path: '/notices' }),
  getNotice: async () => ({ path: `/notices/${await notice()}` }),
  submitRectification: async () => ({
    path: `/notices/${await notice()}/rectifications`,
    body: { explanation: '重视不够', measures: '建立周调度', report: '整改报告全文' },
  }),
  recordReferral: async () => ({ path: '/referrals', body: { unitId: units.lead, clue: '多次通报仍不整改' } }),
  listReferrals: async () => ({ path: '/referrals' }),
  getLedgerOverview: async () => ({ path: '/reports/overview?asOf=2026-11-26' }),
  getAssessment: async () => ({ path: '/reports/assessment?year=2026' }),
  getTreeOverview: async () => ({ path: '/reports/tree' }),
  getOfficeToDo: async () => ({ path: '/to-do' }),
  exportLedgerCsv: async () => ({ path: `/reports/ledger.csv?unit=${units.lead}` }),
  exportLedgerXlsx: async () => ({ path: `/reports/ledger.xlsx?unit=${units.lead}` }),
  exportAssessmentXlsx: async () => ({ path: '/reports/assessment.xlsx?year=2026' }),
  getOpenApiDocument: async () => ({ path: '/openapi.json' }),
  importRoster: async () => ({
    // A dry run of a one-unit roster: each caller's answer, and nothing written.
    path: '/units/import?dryRun=true',
    raw: `单位名称,姓名,职务,邮箱\r\n权限矩阵局${fresh('ros')},王五,联络员,liaison@matrix.example.gov.cn\r\n`,
    headers: { 'content-type': 'text/csv; charset=utf-8' },
  }),
  importLedger: async () => ({
    // A dry run: each caller's answer, and nothing written.
    path: '/items/import?dryRun=true',
    raw: `督查事项,来源,文号,牵头单位,协办单位,完成时限,督办要求\r\n权限矩阵导入 ${fresh('imp')},会议议定,纪要,${units.lead},,2099-12-31,进展\r\n`,
    headers: { 'content-type': 'text/csv; charset=utf-8' },
  }),
  listRectifications: async () => ({ path: `/notices/${await notice()}/rectifications` }),
  getUnitRectifications: async () => ({ path: `/notices/${await notice()}/rectifications/${units.lead}` }),
  reviewRectification: async () => {
    const id = await notice();
    await ok('POST', `/notices/${id}/rectifications`, tokens.lead, {
      explanation: '重视不够',
      measures: '建立周调度',
      report: '整改报告全文',
    });
    return { path: `/notices/${id}/rectifications/${units.lead}/review`, body: { decision: 'accepted' } };
  },
  exportItemDossier: async () => ({ path: `/items/${await itemAt('in-progress')}/dossier.zip` }),
  withdrawNotice: async () => ({ path: `/notices/${await notice()}/withdrawal`, body: { reason: '通报对象有误' } }),
  requestUpload: async () => ({ path: '/attachments', body: { fileName: '整改报告.pdf', contentType: 'application/pdf', size: 2048 } }),
  getAttachment: async () => {
    const requested = await ok('POST', '/attachments', tokens.lead, {
      fileName: '整改报告.pdf',
      contentType: 'application/pdf',
      size: 2048,
    });
    return { path: `/attachments/${requested.attachment.id}` };
  },
  getCalendarYear: async () => ({ path: '/calendar/2026' }),
  // A year no other test counts in: the office's entry replaces nothing another file relies on.
  enterCalendarYear: async () => ({
    path: '/calendar/2090',
    body: { holidays: [{ date: '2090-01-01', name: '元旦' }], makeupDays: [] },
  }),
  listPublicNotices: async () => ({ path: '/public/notices' }),
  getPublicNoticesAtom: async () => ({ path: '/public/notices.atom' }),
  editUnit: async () => {
    const id = fresh('mx-edit');
    await ok('POST', '/units', tokens.office, { id, name: `矩阵待改 ${id}`, kind: 'department', contacts: [] });
    return { path: `/units/${id}`, body: { name: `矩阵已改 ${id}` }, headers: firstVersion };
  },
  listUnitHistory: async () => ({ path: `/units/${units.lead}/history` }),
  editItem: async () => ({
    path: `/items/${await itemAt('assigned')}`,
    body: { title: `权限矩阵 ${fresh('edit')}` },
    headers: firstVersion,
  }),
  moveItemDeadline: async () => ({
    path: `/items/${await itemAt('assigned')}/deadline`,
    body: { dueDate: '2100-03-31', reason: '市政府调整工作安排', decision: '市政府常务会议纪要〔2026〕30号' },
    headers: firstVersion,
  }),
  reassignItem: async () => ({
    path: `/items/${await itemAt('assigned')}/reassignment`,
    body: { leadUnit: units.unrelated, reason: '职能调整' },
    headers: firstVersion,
  }),
  returnReport: async () => {
    const id = await itemAt('acknowledged');
    const reported = await ok('POST', `/items/${id}/reports`, tokens.lead, report);
    return { path: `/items/${id}/reports/${reported.id}/return`, body: { reason: '未正面回答督办要求' } };
  },
  withdrawItem: async () => ({
    path: `/items/${await itemAt('assigned')}/withdrawal`,
    body: { reason: '事项已并入其他督查事项', decision: '市政府常务会议纪要〔2026〕31号' },
    headers: firstVersion,
  }),
};

beforeAll(async () => {
  tokens.office = await tokenFor('office');
  tokens.leader = await tokenFor('leader');
  tokens.inspector = await tokenFor('inspector');
  tokens.lead = await tokenFor('unit', units.lead);
  tokens.co = await tokenFor('unit', units.co);
  tokens.unrelated = await tokenFor('unit', units.unrelated);
  tokens.none = undefined;
  tokens.expired = await tokenFor('office', undefined, { expiresIn: -60 });
  tokens.forged = await issueToken({ role: 'office', secret: `not-the-server-key-${randomUUID()}` });
  for (const [who, id] of Object.entries(units)) {
    await registerUnitWithHead(tokens.office as string, { id, name: `矩阵-${who}-${tag}`, kind: 'department' });
  }
});

describe('the role × route matrix', () => {
  it('has one row for every route of the contract, and one probe for each', () => {
    expect(Object.keys(matrix).sort()).toEqual(Object.keys(contract).sort());
    expect(Object.keys(probes).sort()).toEqual(Object.keys(contract).sort());
  });

  const operationIds = Object.keys(contract) as OperationId[];
  // Each row runs beside the others, and its nine cells at once. A cell that may succeed changes what it touches,
  // so it gets fixtures of its own; the cells that must be refused (401, 403, 404) write nothing and share one.
  it.concurrent.each(operationIds)(
    '%s answers each caller as the table says',
    async (operationId) => {
      const { method } = contract[operationId];
      const expected = matrix[operationId];
      let refusedProbe: Promise<Probe> | undefined;
      const probeFor = (who: Who) => {
        if (expected[who] < 300) return probes[operationId](who);
        refusedProbe ??= probes[operationId](who);
        return refusedProbe;
      };
      const got = Object.fromEntries(
        await Promise.all(
          callers.map(async (who) => {
            const probe = await probeFor(who);
            const res = await api(method, probe.path, { token: tokens[who], body: probe.body, rawBody: probe.raw, headers: probe.headers });
            return [who, res.status] as const;
          }),
        ),
      );
      expect(got).toEqual(expected);
    },
    60_000,
  );
});
