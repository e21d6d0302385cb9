/**
 * 导入台账 (issues 12 and 22): the office brings in the ledger it already keeps in Excel, as it is. The file is
 * checked first (预检: POST /items/import?dryRun=true, nothing written): the page shows which column was read as
 * what, the title/section/note rows skipped, what each row becomes, and asks once per name it could not match
 * (「您是否指…？」), per unclear deadline or source, and per past-due row (办理中 or 已办结). Every answer re-checks
 * the file with the decisions; 确认导入 writes the rows without questions and leaves the others here to fix.
 * Importing the same file again adds nothing (each item's id comes from its content); a row corrected since is the
 * item the ledger holds, and the page says what the file says otherwise.
 */
import { InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Input, Radio, Select, Space, Statistic, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { messageOf } from '../../api/errors';
import { postSpreadsheet, spreadsheetType } from '../../api/spreadsheet-upload';
import { keys, useUnitName, useUnits } from '../../api/queries';
import type { components } from '../../api/schema';
import { useToast } from '../../components/Toast';
import { formatDate } from '../../format';
import { sourceLabels } from '../../labels';

type ImportResult = components['schemas']['ImportResult'];
type Decisions = components['schemas']['ImportDecisions'];
type RowDecision = NonNullable<Decisions['rows']>[string];
type Row = ImportResult['rows'][number];
type Source = keyof typeof sourceLabels;

/** What the JSON body carries (the API's ImportRequest): about 1 MB of file. */
const MAX_MB = 1;

const outcome: Record<Row['status'], { label: string; color: string }> = {
  create: { label: '将新建', color: 'blue' },
  created: { label: '已新建', color: 'green' },
  exists: { label: '已导入过', color: 'default' },
  invalid: { label: '待确认', color: 'red' },
  skipped: { label: '不导入', color: 'default' },
};
const skippedKinds: Record<ImportResult['skippedRows'][number]['kind'], string> = {
  title: '标题',
  section: '分类',
  note: '说明',
  header: '重复表头',
};

/** The template (模板): the columns a ledger usually has, one example row; UTF-8 with a BOM so Excel reads the Chinese. */
const TEMPLATE = [
  ['序号', '督查事项', '交办依据', '文号', '责任领导', '牵头单位', '协办单位', '完成时限', '督办要求', '进展情况', '备注'],
  [
    '1',
    '完成城区供水管网改造',
    '《政府工作报告》',
    '',
    '（分管领导姓名）',
    '市水利局',
    '市住建局、汉滨区政府',
    '2026年12月底前',
    '1.每月25日前报送进展；2.年底前完工',
    '已完成管网铺设60%',
    '跨年度项目',
  ],
];
const templateHref = `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${TEMPLATE.map((r) => r.join(',')).join('\r\n')}\r\n`)}`;

/** The file in the JSON body with the clerk's decisions (api/spreadsheet-upload.ts). */
const sendImport = (file: File, decisions: Decisions, dryRun: boolean) =>
  postSpreadsheet<ImportResult>(`/items/import?dryRun=${dryRun}`, file, { decisions });

export default function ImportLedger() {
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [decisions, setDecisions] = useState<Decisions>({ dispatch: 'summary' });
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState<'dry' | 'real' | null>(null);
  const queryClient = useQueryClient();
  const message = useToast();

  const run = async (dryRun: boolean, next: Decisions = decisions, picked: File | null = file) => {
    if (!picked) return;
    setBusy(dryRun ? 'dry' : 'real');
    setRefusal(null);
    try {
      const answer = await sendImport(picked, next, dryRun);
      setResult(answer);
      if (!dryRun) {
        void queryClient.invalidateQueries({ queryKey: keys.allItems });
        if (answer.aliasesAdded.length > 0) void queryClient.invalidateQueries({ queryKey: keys.units });
        const left = answer.invalid > 0 ? `；${answer.invalid} 行待修正，已列入“待办”` : '';
        message.success(`已导入 ${answer.created} 项${answer.existing ? `，${answer.existing} 项此前已导入` : ''}${left}`);
      }
    } catch (error) {
      setRefusal(messageOf(error));
    } finally {
      setBusy(null);
    }
  };
  /** An answer to one question: kept, and the file checked again with every answer so far. */
  const decide = (change: (d: Decisions) => Decisions) => {
    const next = change(decisions);
    setDecisions(next);
    void run(true, next);
  };
  const decideRow = (row: number, change: Partial<RowDecision>) =>
    decide((d) => ({ ...d, rows: { ...d.rows, [row]: { ...d.rows?.[row], ...change } } }));

  const checked = result?.dryRun === true;
  const canImport = checked && result.created > 0;

  return (
    <>
      <div className="page-head">
        <h1 className="page-title">导入台账</h1>
        <Link to="/office/board">
          <Button>返回督查台账</Button>
        </Link>
      </div>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Typography.Paragraph>
          选择本单位原有的督查台账（Excel 的 .xlsx，或 .csv：UTF-8 或 Excel 默认的 GBK
          编码），无需改动：标题行、填报单位、分类行（一、……）和注释行会自动跳过，表头按常用名称识别（如“交办依据”“责任单位”“完成时间”“落实情况”）。
          单位可写全称、简称或常用叫法，未能对应的名称会逐个询问一次，确认后记为该单位的别名。
          <a href={templateHref} download="督查台账导入模板.csv" style={{ marginInlineStart: 8 }}>
            下载导入模板
          </a>
        </Typography.Paragraph>
        <Upload.Dragger
          accept=".xlsx,.csv"
          maxCount={1}
          fileList={file ? [{ uid: 'ledger', name: file.name, status: 'done', size: file.size }] : []}
          beforeUpload={(picked) => {
            setResult(null);
            setDecisions({ dispatch: 'summary' });
            if (!spreadsheetType(picked)) {
              setFile(null);
              setRefusal(`“${picked.name}”不是 .xlsx 或 .csv 文件`);
            } else if (picked.size > MAX_MB * 1024 * 1024) {
              setFile(null);
              setRefusal(`“${picked.name}”超过 ${MAX_MB} MB，请分批导入`);
            } else {
              setFile(picked);
              setRefusal(null);
            }
            return false;
          }}
          onRemove={() => {
            setFile(null);
            setResult(null);
          }}
        >
          <p className="ant-upload-text">
            <InboxOutlined style={{ marginRight: 8 }} />
            点击或拖入台账文件
          </p>
          <p className="ant-upload-hint">.xlsx 或 .csv，不超过 {MAX_MB} MB；先预检，确认无误后再导入</p>
        </Upload.Dragger>
        <Space style={{ marginTop: 12 }} wrap>
          <Button disabled={!file} loading={busy === 'dry'} onClick={() => void run(true)}>
            预检（不写入）
          </Button>
          <Radio.Group
            value={decisions.dispatch ?? 'summary'}
            onChange={(e) => setDecisions((d) => ({ ...d, dispatch: e.target.value }))}
            options={[
              { value: 'summary', label: '导入后向各单位发送一封派发汇总邮件' },
              { value: 'none', label: '不发送派发邮件' },
            ]}
          />
          <Button type="primary" disabled={!canImport || busy !== null} loading={busy === 'real'} onClick={() => void run(false)}>
            确认导入{canImport ? ` ${result.created} 项` : ''}
          </Button>
        </Space>
        {refusal ? <Alert type="error" showIcon title={`未导入：${refusal}`} style={{ marginTop: 12 }} /> : null}
      </Card>
      {result ? <ImportOutcome result={result} decisions={decisions} decide={decide} decideRow={decideRow} /> : null}
    </>
  );
}

function ImportOutcome({
  result,
  decisions,
  decide,
  decideRow,
}: {
  result: ImportResult;
  decisions: Decisions;
  decide: (change: (d: Decisions) => Decisions) => void;
  decideRow: (row: number, change: Partial<RowDecision>) => void;
}) {
  const unitName = useUnitName();
  const asked = result.names.filter((n) => (n.match === 'near' || n.match === 'unknown') && !n.confirmed);
  // A name the roster now answers to as is (a unit registered from here) needs no alias, and is not listed.
  const confirmed = result.names.filter((n) => n.confirmed && n.match !== 'exact');
  const collective = result.names.filter((n) => n.match === 'collective');
  const leadersAsked = result.leaders.filter((l) => !l.leaderId);
  // A leader by the name the file wrote, or the roster's name when the clerk picked one: never the id.
  const leaderName = (id: string) =>
    result.leaders.flatMap((l) => l.candidates).find((c) => c.leaderId === id)?.name ??
    result.leaders.find((l) => l.leaderId === id)?.written ??
    '（已对应）';
  return (
    <>
      <Card size="small" title="文件识别" style={{ marginBottom: 16 }}>
        <Typography.Paragraph style={{ marginBottom: 8 }}>
          第 {result.headerRow} 行为表头，各列识别为：
          {result.columns.map((c) => (
            <Tag key={c.column} style={{ marginInlineEnd: 4 }}>
              {c.header === c.readAs ? c.header : `${c.header} → ${c.readAs}`}
            </Tag>
          ))}
          {result.ignoredColumns.length > 0 ? <>；未读取：{result.ignoredColumns.map((c) => c.header).join('、')}</> : null}
        </Typography.Paragraph>
        {result.skippedRows.length > 0 ? (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            已跳过：
            {result.skippedRows
              .map((s) => `第 ${s.row} 行（${skippedKinds[s.kind]}：${s.text.length > 30 ? `${s.text.slice(0, 30)}…` : s.text}）`)
              .join('；')}
          </Typography.Paragraph>
        ) : null}
        {collective.map((n) => (
          <Typography.Paragraph key={n.written} style={{ marginBottom: 0 }}>
            「{n.written}」指以下 {n.unitIds.length} 个单位：{n.unitIds.map(unitName).join('、')}
          </Typography.Paragraph>
        ))}
      </Card>
      {asked.length > 0 || leadersAsked.length > 0 ? (
        <Card
          size="small"
          title={`请确认名称（${asked.length + leadersAsked.length} 个）`}
          style={{ marginBottom: 16 }}
          className="import-names"
        >
          {asked.map((n) => (
            <Flex key={n.written} gap={8} align="center" wrap style={{ marginBottom: 8 }} className="import-name">
              <Typography.Text>
                「{n.written}」（第 {n.rows.join('、')} 行）
                {n.candidates.length > 0 ? '您是否指：' : '不在单位名册中，请选择对应单位或先在单位名册中登记：'}
              </Typography.Text>
              {n.candidates.map((c) => (
                <Button key={c.unitId} size="small" onClick={() => decide((d) => ({ ...d, names: { ...d.names, [n.written]: c.unitId } }))}>
                  {c.name}
                </Button>
              ))}
              {n.candidates.length === 0 ? (
                <>
                  <UnitPicker onPick={(unitId) => decide((d) => ({ ...d, names: { ...d.names, [n.written]: unitId } }))} />
                  <RegisterUnitButton
                    name={n.written}
                    registered={(unitId) => decide((d) => ({ ...d, names: { ...d.names, [n.written]: unitId } }))}
                  />
                </>
              ) : null}
            </Flex>
          ))}
          {leadersAsked.map((l) => (
            <Flex key={l.written} gap={8} align="center" wrap style={{ marginBottom: 8 }}>
              <Typography.Text>
                责任领导「{l.written}」（第 {l.rows.join('、')} 行）您是否指：
              </Typography.Text>
              {l.candidates.map((c) => (
                <Button
                  key={c.leaderId}
                  size="small"
                  onClick={() => decide((d) => ({ ...d, leaders: { ...d.leaders, [l.written]: c.leaderId } }))}
                >
                  {c.name}
                </Button>
              ))}
            </Flex>
          ))}
        </Card>
      ) : null}
      {confirmed.length > 0 ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`已确认：${confirmed.map((n) => `「${n.written}」即 ${unitName(n.unitIds[0] ?? '')}`).join('；')}（导入后记为单位别名）`}
        />
      ) : null}
      <Card size="small" title={result.dryRun ? '预检结果（尚未写入）' : '导入结果'}>
        <Flex gap={48} style={{ marginBottom: 12 }}>
          <Statistic title={result.dryRun ? '将新建' : '已新建'} value={result.created} />
          <Statistic title="此前已导入" value={result.existing} />
          <Statistic title="待确认" value={result.invalid} styles={{ content: result.invalid ? { color: '#cf1322' } : undefined }} />
        </Flex>
        {result.dryRun && result.created === 0 && result.invalid === 0 && result.existing > 0 ? (
          <Alert type="success" showIcon style={{ marginBottom: 12 }} title="本文件各行均已导入，再次导入不会新增任何事项。" />
        ) : null}
        {result.invalid > 0 ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title="待确认的行请在本页回答问题，或改正文件后重新预检；其余各行可先导入，重新导入同一文件只会补上新的行。"
          />
        ) : null}
        <Table<Row>
          rowKey="row"
          size="small"
          pagination={result.rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          dataSource={result.rows}
          rowClassName={(r) => (r.status === 'invalid' ? 'import-row-invalid' : '')}
          columns={[
            { title: '行号', dataIndex: 'row', width: 56 },
            {
              title: '督查事项',
              dataIndex: 'title',
              render: (title: string, r) =>
                r.itemId && r.status !== 'create' && r.status !== 'invalid' ? (
                  <Link to={`/office/items/${encodeURIComponent(r.itemId)}`}>{title}</Link>
                ) : (
                  title || '—'
                ),
            },
            {
              title: '识别为',
              key: 'reading',
              render: (_, r) => <Reading row={r} unitName={unitName} leaderName={leaderName} />,
            },
            {
              title: '结果',
              key: 'status',
              width: 150,
              render: (_, r) => (
                <>
                  <Tag color={outcome[r.status].color}>{outcome[r.status].label}</Tag>
                  {r.pastDue ? <Tag color="orange">已过完成时限</Tag> : null}
                  {r.reading.closedOn ? <Tag color="green">已办结</Tag> : null}
                </>
              ),
            },
            {
              title: '问题与确认',
              key: 'problems',
              width: 330,
              render: (_, r) => (
                <>
                  <Differences row={r} unitName={unitName} />
                  <RowQuestions row={r} decision={decisions.rows?.[r.row]} decideRow={decideRow} dryRun={result.dryRun} />
                </>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}

function Reading({ row, unitName, leaderName }: { row: Row; unitName: (id: string) => string; leaderName: (id: string) => string }) {
  const r = row.reading;
  // A name not yet matched shows as the file wrote it, until the clerk answers 「您是否指…？」.
  const unconfirmed = (column: '牵头单位' | '协办单位') =>
    r.unitNames
      .filter((n) => n.column === column && !n.matched)
      .map((n) => `${n.written}（待确认）`)
      .join('、') || undefined;
  const due = r.standing
    ? `${r.dueWords}（无固定时限，每 ${r.reportEveryDays} 天报送）`
    : r.dueDate
      ? `${formatDate(r.dueDate)}${r.dueWords ? `（${r.dueWords}）` : ''}`
      : '—';
  const lines: [string, string | undefined][] = [
    ['来源', r.source ? `${sourceLabels[r.source as Source]}${r.sourceFrom === 'section' ? '（按分类行）' : ''}` : undefined],
    ['完成时限', due],
    ['牵头', r.leadUnits.length > 0 ? r.leadUnits.map(unitName).join('、') : unconfirmed('牵头单位')],
    ['协办', [...r.coUnits.map(unitName), unconfirmed('协办单位')].filter(Boolean).join('、') || undefined],
    ['分管领导', r.leaderInCharge ? leaderName(r.leaderInCharge) : undefined],
    ['进展', r.progress ? `${r.progress.text}（${formatDate(r.progress.asOf)}）` : undefined],
    ['备注', r.note],
  ];
  return (
    <div className="import-reading">
      {lines
        .filter(([, v]) => v)
        .map(([label, value]) => (
          <div key={label}>
            <Typography.Text type="secondary">{label}：</Typography.Text>
            {value}
          </div>
        ))}
    </div>
  );
}

const differingFields: Record<NonNullable<Row['differs']>[number]['field'], string> = {
  dueDate: '完成时限',
  coUnits: '协办单位',
  requirements: '督办要求',
  source: '来源',
};

/** A row the ledger already holds as a matter, changed in the file since: the import leaves the item; its page edits it. */
function Differences({ row, unitName }: { row: Row; unitName: (id: string) => string }) {
  if (!row.differs?.length) return null;
  const said = (field: keyof typeof differingFields, value: string) => {
    if (value === '') return '（无）';
    if (field === 'coUnits') return value.split('；').map(unitName).join('、');
    if (field === 'source') return sourceLabels[value as Source] ?? value;
    return field === 'dueDate' ? formatDate(value) : value;
  };
  return (
    <Typography.Paragraph type="warning" style={{ marginBottom: 4 }} data-testid="import-row-differs">
      台账中已有此事项，文件中的改动不会导入：
      {row.differs
        .map((d) => `${differingFields[d.field]}台账为「${said(d.field, d.ledger)}」，文件为「${said(d.field, d.file)}」`)
        .join('；')}
      。 如需更改，请在事项页修改。
    </Typography.Paragraph>
  );
}

function RowQuestions({
  row,
  decision,
  decideRow,
  dryRun,
}: {
  row: Row;
  decision: RowDecision | undefined;
  decideRow: (row: number, change: Partial<RowDecision>) => void;
  dryRun: boolean;
}) {
  const [date, setDate] = useState('');
  const asksDate = row.problems.some((p) => p.column === '完成时限');
  const asksSource = row.problems.some((p) => p.column === '来源');
  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
      {row.problems.map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a row's problems are listed once, in order
        <div key={i}>
          {p.column ? <Typography.Text strong>{p.column}：</Typography.Text> : null}
          {p.message}
        </div>
      ))}
      {dryRun && asksDate ? (
        <Space.Compact>
          <Input size="small" placeholder="如 2026-12-31" value={date} onChange={(e) => setDate(e.target.value)} style={{ width: 140 }} />
          <Button size="small" disabled={!/^\d{4}-\d{2}-\d{2}$/.test(date)} onClick={() => decideRow(row.row, { dueDate: date })}>
            确定时限
          </Button>
        </Space.Compact>
      ) : null}
      {dryRun && (row.status === 'create' || row.status === 'invalid') ? (
        // Any row's 来源 can be changed before it is written; one the file did not say must be chosen.
        <Select<Source>
          size="small"
          placeholder="选择来源"
          aria-label={`第 ${row.row} 行的来源`}
          value={asksSource ? undefined : (row.reading.source as Source | undefined)}
          style={{ width: 220 }}
          options={Object.entries(sourceLabels).map(([value, label]) => ({ value: value as Source, label }))}
          onChange={(source) => decideRow(row.row, { source })}
        />
      ) : null}
      {dryRun && (row.pastDue || decision?.state === 'closed') ? (
        <Radio.Group
          size="small"
          value={decision?.state ?? 'open'}
          onChange={(e) =>
            decideRow(row.row, e.target.value === 'closed' ? { state: 'closed', closedOn: row.reading.dueDate } : { state: 'open' })
          }
          options={[
            { value: 'open', label: '办理中' },
            { value: 'closed', label: `已办结（${formatDate(row.reading.dueDate)}）` },
          ]}
        />
      ) : null}
      {dryRun && row.status === 'invalid' ? (
        <Button size="small" type="link" style={{ padding: 0 }} onClick={() => decideRow(row.row, { skip: true })}>
          本次不导入此行
        </Button>
      ) : null}
    </Space>
  );
}

/**
 * 登记为新单位: a unit the roster lacks, registered from the preview under the name the file wrote (its kind from
 * the name, its code made from it), through the roster import (POST /units/import) so the rules are the roster's;
 * its contacts are added on the roster page. The file is then checked again with the name matched.
 */
function RegisterUnitButton({ name, registered }: { name: string; registered: (unitId: string) => void }) {
  const [busy, setBusy] = useState(false);
  const queryClient = useQueryClient();
  const message = useToast();
  const register = async () => {
    setBusy(true);
    try {
      const csv = `\uFEFF单位名称,邮箱\r\n"${name.replaceAll('"', '""')}",\r\n`;
      // Registered as a one-row roster sheet, by the roster import's rules (a code made from the name).
      const sheet = new File([csv], 'unit.csv', { type: 'text/csv' });
      const unit = (await postSpreadsheet<components['schemas']['RosterImportResult']>('/units/import', sheet)).units[0];
      if (!unit || unit.status === 'invalid') throw new Error(unit?.problems.map((p) => p.message).join('；') || '未能登记');
      void queryClient.invalidateQueries({ queryKey: keys.units });
      message.success(`已登记单位：${name}（请在单位名册中补充联系人）`);
      registered(unit.unitId);
    } catch (error) {
      message.error(`未登记：${messageOf(error)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button size="small" loading={busy} onClick={() => void register()}>
      登记为新单位
    </Button>
  );
}

function UnitPicker({ onPick }: { onPick: (unitId: string) => void }) {
  const { data } = useUnits();
  return (
    <Select<string>
      size="small"
      showSearch
      placeholder="选择单位"
      style={{ width: 240 }}
      optionFilterProp="label"
      options={(data ?? []).map((u) => ({ value: u.id, label: u.name }))}
      onChange={onPick}
    />
  );
}
