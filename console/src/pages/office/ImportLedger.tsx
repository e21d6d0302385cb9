/**
 * 导入台账 (issue 12): the office brings the ledger it already keeps in Excel into the platform.
 * A file is always checked first (预检: POST /items/import?dryRun=true, nothing written) and each
 * row's outcome and problems shown; only a file without problems can then be imported for real.
 * Importing the same file again creates nothing twice (each row's item id comes from its content).
 */
import { InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Space, Statistic, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { bearer } from '../../api/client';
import { ApiError, apiErrorOf, messageOf, NETWORK_ERROR_MESSAGE } from '../../api/errors';
import { keys } from '../../api/queries';
import type { components } from '../../api/schema';
import { useToast } from '../../components/Toast';

type ImportResult = components['schemas']['ImportResult'];
type Row = ImportResult['rows'][number];

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The API's own limit (functions/http/imports.ts): a ledger of hundreds of rows is tens of kilobytes. */
const MAX_MB = 5;
const COLUMNS = ['序号', '督查事项', '来源', '文号', '牵头单位', '协办单位', '完成时限', '督办要求'];

const outcome: Record<Row['status'], { label: string; color: string }> = {
  create: { label: '将新建', color: 'blue' },
  created: { label: '已新建', color: 'green' },
  exists: { label: '已导入过', color: 'default' },
  invalid: { label: '有问题', color: 'red' },
  skipped: { label: '不导入', color: 'default' },
};

function typeOf(file: File): string | undefined {
  const name = file.name.toLowerCase();
  return name.endsWith('.xlsx') ? XLSX : name.endsWith('.csv') ? 'text/csv' : undefined;
}

async function sendImport(file: File, dryRun: boolean): Promise<ImportResult> {
  let response: Response;
  try {
    response = await fetch(`/items/import?dryRun=${dryRun}`, {
      method: 'POST',
      headers: { ...bearer(), 'Content-Type': typeOf(file) ?? 'application/octet-stream' },
      body: file,
    });
  } catch {
    throw new ApiError(0, 'network', NETWORK_ERROR_MESSAGE);
  }
  const body = await response.json().catch(() => undefined);
  if (!response.ok) throw apiErrorOf(response.status, body);
  return body as ImportResult;
}

export default function ImportLedger() {
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState<'dry' | 'real' | null>(null);
  const queryClient = useQueryClient();
  const message = useToast();

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(dryRun ? 'dry' : 'real');
    setRefusal(null);
    try {
      const answer = await sendImport(file, dryRun);
      setResult(answer);
      if (!dryRun) {
        void queryClient.invalidateQueries({ queryKey: keys.allItems });
        message.success(`已导入 ${answer.created} 项${answer.existing ? `，${answer.existing} 项此前已导入` : ''}`);
      }
    } catch (error) {
      setRefusal(messageOf(error));
    } finally {
      setBusy(null);
    }
  };

  const checked = result?.dryRun === true;
  const canImport = checked && result.invalid === 0 && result.created > 0;

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
          选择本单位原有的督查台账（Excel 的 .xlsx 或 UTF-8 编码的 .csv），第一行为表头，列为：
          {COLUMNS.map((c) => (
            <Tag key={c} style={{ marginInlineEnd: 4 }}>
              {c}
            </Tag>
          ))}
          （与导出的台账相同）。单位按编码或全称匹配；已过完成时限的事项照常导入并标明，不再补发提醒或预警。
        </Typography.Paragraph>
        <Upload.Dragger
          accept=".xlsx,.csv"
          maxCount={1}
          fileList={file ? [{ uid: 'ledger', name: file.name, status: 'done', size: file.size }] : []}
          beforeUpload={(picked) => {
            setResult(null);
            if (!typeOf(picked)) {
              setFile(null);
              setRefusal(`“${picked.name}”不是 .xlsx 或 .csv 文件`);
            } else if (picked.size > MAX_MB * 1024 * 1024) {
              setFile(null);
              setRefusal(`“${picked.name}”超过 ${MAX_MB} MB`);
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
        <Space style={{ marginTop: 12 }}>
          <Button disabled={!file} loading={busy === 'dry'} onClick={() => void run(true)}>
            预检（不写入）
          </Button>
          <Button type="primary" disabled={!canImport} loading={busy === 'real'} onClick={() => void run(false)}>
            确认导入{canImport ? ` ${result.created} 项` : ''}
          </Button>
        </Space>
        {refusal ? <Alert type="error" showIcon title={`未导入：${refusal}`} style={{ marginTop: 12 }} /> : null}
      </Card>
      {result ? <ImportOutcome result={result} /> : null}
    </>
  );
}

function ImportOutcome({ result }: { result: ImportResult }) {
  return (
    <Card size="small" title={result.dryRun ? '预检结果（尚未写入）' : '导入结果'}>
      <Flex gap={48} style={{ marginBottom: 12 }}>
        <Statistic title={result.dryRun ? '将新建' : '已新建'} value={result.created} />
        <Statistic title="此前已导入" value={result.existing} />
        <Statistic title="有问题" value={result.invalid} styles={{ content: result.invalid ? { color: '#cf1322' } : undefined }} />
      </Flex>
      {result.dryRun && result.invalid > 0 ? (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="有问题的行须在文件中改正后重新预检，全部无误才能导入。" />
      ) : null}
      <Table<Row>
        rowKey="row"
        size="small"
        pagination={result.rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        dataSource={result.rows}
        rowClassName={(r) => (r.status === 'invalid' ? 'import-row-invalid' : '')}
        columns={[
          { title: '行号', dataIndex: 'row', width: 70 },
          {
            title: '督查事项',
            dataIndex: 'title',
            render: (title: string, r) =>
              r.itemId && r.status !== 'create' ? <Link to={`/office/items/${encodeURIComponent(r.itemId)}`}>{title}</Link> : title || '—',
          },
          {
            title: '结果',
            key: 'status',
            width: 180,
            render: (_, r) => (
              <>
                <Tag color={outcome[r.status].color}>{outcome[r.status].label}</Tag>
                {r.pastDue ? <Tag color="orange">已过完成时限</Tag> : null}
              </>
            ),
          },
          {
            title: '问题',
            key: 'problems',
            render: (_, r) =>
              r.problems.length === 0
                ? '—'
                : r.problems.map((p, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: a row's problems are listed once, in order
                    <div key={i}>
                      {p.column ? <Typography.Text strong>{p.column}：</Typography.Text> : null}
                      {p.message}
                    </div>
                  )),
          },
        ]}
      />
    </Card>
  );
}
