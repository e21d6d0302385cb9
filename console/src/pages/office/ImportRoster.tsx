/**
 * 导入单位名册 (issue 22 §1): the office's roster sheet (units with their 负责人 and 联络员) brought in as it is kept.
 * 预检 (POST /units/import?dryRun=true) shows each unit: to register, already in the roster (left as it is), or
 * its problems; 确认导入 registers the new ones. The same file again registers nothing twice.
 */
import { InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { messageOf } from '../../api/errors';
import { postSpreadsheet, spreadsheetType } from '../../api/spreadsheet-upload';
import { keys } from '../../api/queries';
import type { components } from '../../api/schema';
import { useToast } from '../../components/Toast';
import { unitKindLabels } from '../../labels';

type RosterResult = components['schemas']['RosterImportResult'];
type RosterUnit = RosterResult['units'][number];

const status: Record<RosterUnit['status'], { label: string; color: string }> = {
  create: { label: '将登记', color: 'blue' },
  created: { label: '已登记', color: 'green' },
  exists: { label: '名册中已有', color: 'default' },
  invalid: { label: '有问题', color: 'red' },
};
const roleLabels = { head: '负责人', liaison: '联络员' } as const;
const TEMPLATE =
  '\uFEFF单位名称,简称,类别,姓名,职务,电子邮箱\r\n市水利局,水利局,市政府工作部门,李明,局长,liming@example.gov.cn\r\n,,,赵强,联络员,zhaoqiang@example.gov.cn\r\n';

/** The sheet in the JSON body (api/spreadsheet-upload.ts). */
const send = (file: File, dryRun: boolean) => postSpreadsheet<RosterResult>(`/units/import?dryRun=${dryRun}`, file);

export default function ImportRoster() {
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<RosterResult | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const queryClient = useQueryClient();
  const message = useToast();
  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setRefusal(null);
    try {
      const answer = await send(file, dryRun);
      setResult(answer);
      if (!dryRun) {
        void queryClient.invalidateQueries({ queryKey: keys.units });
        message.success(`已登记 ${answer.units.filter((u) => u.status === 'created').length} 个单位`);
      }
    } catch (error) {
      setRefusal(messageOf(error));
    } finally {
      setBusy(false);
    }
  };
  const toCreate = result?.dryRun ? result.units.filter((u) => u.status === 'create').length : 0;
  return (
    <>
      <div className="page-head">
        <h1 className="page-title">导入单位名册</h1>
        <Link to="/office/units">
          <Button>返回责任单位</Button>
        </Link>
      </div>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Typography.Paragraph>
          选择单位名册（.xlsx 或
          .csv）：每个联系人一行（单位名称只写一次或合并单元格均可），或每个单位一行并列“负责人、负责人邮箱、联络员、联络员邮箱”。职务含“负责人、局长、主任、县长”等的为负责人，其余为联络员；名册中已有的单位不作改动。
          <a
            href={`data:text/csv;charset=utf-8,${encodeURIComponent(TEMPLATE)}`}
            download="单位名册导入模板.csv"
            style={{ marginInlineStart: 8 }}
          >
            下载名册模板
          </a>
        </Typography.Paragraph>
        <Upload.Dragger
          accept=".xlsx,.csv"
          maxCount={1}
          fileList={file ? [{ uid: 'roster', name: file.name, status: 'done', size: file.size }] : []}
          beforeUpload={(picked) => {
            setResult(null);
            setFile(spreadsheetType(picked) ? picked : null);
            setRefusal(spreadsheetType(picked) ? null : `“${picked.name}”不是 .xlsx 或 .csv 文件`);
            return false;
          }}
          onRemove={() => {
            setFile(null);
            setResult(null);
          }}
        >
          <p className="ant-upload-text">
            <InboxOutlined style={{ marginRight: 8 }} />
            点击或拖入单位名册
          </p>
        </Upload.Dragger>
        <Space style={{ marginTop: 12 }}>
          <Button disabled={!file} loading={busy} onClick={() => void run(true)}>
            预检名册
          </Button>
          <Button type="primary" disabled={toCreate === 0 || busy} onClick={() => void run(false)}>
            确认登记{toCreate > 0 ? ` ${toCreate} 个单位` : ''}
          </Button>
        </Space>
        {refusal ? <Alert type="error" showIcon title={`未导入：${refusal}`} style={{ marginTop: 12 }} /> : null}
      </Card>
      {result ? (
        <Card size="small" title={result.dryRun ? '预检结果（尚未写入）' : '导入结果'}>
          <Table<RosterUnit>
            rowKey="row"
            size="small"
            pagination={false}
            dataSource={result.units}
            columns={[
              { title: '行号', dataIndex: 'row', width: 60 },
              { title: '单位', dataIndex: 'name' },
              { title: '类别', dataIndex: 'kind', width: 130, render: (k: RosterUnit['kind']) => unitKindLabels[k] },
              {
                title: '联系人',
                key: 'contacts',
                render: (_, u) =>
                  u.contacts.map((c) => (
                    <div key={`${c.name}${c.email}`}>
                      {roleLabels[c.role]} {c.name} <Typography.Text type="secondary">{c.email}</Typography.Text>
                    </div>
                  )),
              },
              {
                title: '结果',
                key: 'status',
                width: 110,
                render: (_, u) => <Tag color={status[u.status].color}>{status[u.status].label}</Tag>,
              },
              {
                title: '问题',
                key: 'problems',
                render: (_, u) => (u.problems.length ? u.problems.map((p) => <div key={p.message}>{p.message}</div>) : '—'),
              },
            ]}
          />
        </Card>
      ) : null}
    </>
  );
}
