/**
 * 年度考核: every assessed unit's figures, score and grade for a year, from
 * GET /reports/assessment; sortable by any figure. A unit criticised in a
 * notice of the year is not eligible for 优秀 (rule 4), whatever its score.
 * 导出 Excel hands over the API's workbook of the same figures, name and all;
 * 打印 prints the page as the title, the year and the table (styles.css, @media print).
 */
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Select, Spin, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Fragment, useState } from 'react';
import { assessmentTitle } from '../../../../functions/domain/assessment-sheet';
import { bearer } from '../../api/client';
import { downloadFile } from '../../api/download';
import { messageOf } from '../../api/errors';
import { gradeFactors, notExcellentReason, scoringRule } from '../../assessment';
import { useAssessment } from '../../api/queries';
import type { AssessedUnit } from '../../api/types';
import { Problem } from '../../components/Problem';
import { useToast } from '../../components/Toast';
import { formatDate, formatPercent, today } from '../../format';
import { gradeColors, unitKindLabels } from '../../labels';

const byNumber = (key: keyof AssessedUnit) => (a: AssessedUnit, b: AssessedUnit) => Number(a[key] ?? -1) - Number(b[key] ?? -1);

/**
 * A header that may wrap between its words and never inside one: on paper the table is narrower than the screen
 * (styles.css, @media print); on the screen headers stay on one line.
 */
const words = (...parts: string[]) => (
  <>
    {parts.map((part, i) => (
      <Fragment key={part}>
        {i > 0 ? <wbr /> : null}
        <span className="nowrap">{part}</span>
      </Fragment>
    ))}
  </>
);

const columns: ColumnsType<AssessedUnit> = [
  { title: words('单位'), dataIndex: 'name', width: 150, className: 'unit-name', sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN') },
  { title: words('类别'), dataIndex: 'kind', width: 80, className: 'unit-kind', render: (k: AssessedUnit['kind']) => unitKindLabels[k] },
  {
    title: words('得分'),
    dataIndex: 'score',
    width: 72,
    sorter: byNumber('score'),
    defaultSortOrder: 'descend',
    // 未参评: nothing counted for the unit this year.
    render: (v: number | null) => v ?? '—',
  },
  { title: words('等级'), dataIndex: 'grade', width: 70, render: (g: AssessedUnit['grade']) => <Tag color={gradeColors[g]}>{g}</Tag> },
  {
    title: words('评分', '依据'),
    key: 'factors',
    width: 260,
    className: 'factors',
    render: (_, u) => <span className="grade-factors">{gradeFactors(u)}</span>,
  },
  {
    title: words('优秀', '资格'),
    dataIndex: 'excellentEligible',
    width: 80,
    className: 'excellent',
    render: (eligible: boolean, u) =>
      eligible ? (
        <Tag color="green">有</Tag>
      ) : (
        <>
          <Tooltip title={notExcellentReason(u)}>
            <Tag>无</Tag>
          </Tooltip>
          {/* Paper has no tooltip: the reason is printed. */}
          <span className="print-only grade-factors">{notExcellentReason(u)}</span>
        </>
      ),
  },
  { title: words('牵头', '事项'), dataIndex: 'itemsLed', width: 66, sorter: byNumber('itemsLed') },
  { title: words('按时', '办结'), dataIndex: 'closedOnTime', width: 66, sorter: byNumber('closedOnTime') },
  { title: words('逾期', '办结'), dataIndex: 'closedLate', width: 66, sorter: byNumber('closedLate') },
  { title: words('逾期', '未办结'), dataIndex: 'openLate', width: 74, sorter: byNumber('openLate') },
  {
    title: words('按时', '办结率'),
    dataIndex: 'onTimeRate',
    width: 80,
    sorter: byNumber('onTimeRate'),
    render: (v: number | null) => formatPercent(v),
  },
  {
    title: words('报送', '（按时/', '逾期）'),
    key: 'reports',
    width: 92,
    sorter: byNumber('reportsLate'),
    render: (_, u) => `${u.reportsOnTime} / ${u.reportsLate}`,
  },
  {
    title: words('通报', '（督查室/', '政府）'),
    key: 'notices',
    width: 100,
    sorter: (a, b) => a.noticesOffice + a.noticesGovernment - (b.noticesOffice + b.noticesGovernment),
    render: (_, u) => `${u.noticesOffice} / ${u.noticesGovernment}`,
  },
  { title: words('整改', '逾期'), dataIndex: 'rectificationsLate', width: 66, sorter: byNumber('rectificationsLate') },
  {
    title: words('报送内容', '（有提示/', '退回）'),
    key: 'reportQuality',
    width: 92,
    sorter: byNumber('reportsWithFindings'),
    render: (_, u) => `${u.reportsWithFindings} / ${u.reportsReturned}`,
  },
];

export default function Assessment() {
  const message = useToast();
  const thisYear = Number(today().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [exporting, setExporting] = useState(false);
  const assessment = useAssessment(year);

  /** The API's workbook of the figures on the page: the same year, as of the same day. */
  const exportXlsx = async () => {
    setExporting(true);
    try {
      const query = new URLSearchParams({ year: String(year), ...(assessment.data ? { asOf: assessment.data.asOf } : {}) });
      const name = await downloadFile(
        `/reports/assessment.xlsx?${query}`,
        { ...bearer(), Accept: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
        `${assessmentTitle(year)}.xlsx`,
      );
      message.success(`已导出 ${name}`);
    } catch (error) {
      message.error(`导出未成功：${messageOf(error)}`);
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <div className="page-head">
        <h1 className="page-title">
          <span className="screen-only">年度考核</span>
          <span className="print-only">{assessmentTitle(year)}</span>
        </h1>
        <Flex gap={8} align="center" className="screen-only">
          <label htmlFor="assessment-year">考核年度</label>
          <Select
            id="assessment-year"
            value={year}
            onChange={setYear}
            style={{ width: 110 }}
            options={[0, 1, 2, 3].map((back) => ({ value: thisYear - back, label: `${thisYear - back} 年` }))}
          />
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()}>
            导出 Excel
          </Button>
          <Button icon={<PrinterOutlined />} disabled={!assessment.data} onClick={() => window.print()}>
            打印
          </Button>
        </Flex>
      </div>
      {assessment.isPending ? (
        <Spin />
      ) : assessment.isError ? (
        <Problem error={assessment.error} retry={() => void assessment.refetch()} />
      ) : (
        <Table<AssessedUnit>
          rowKey="unitId"
          size="small"
          className="assessment"
          scroll={{ x: 'max-content' }}
          columns={columns}
          dataSource={assessment.data.units}
          pagination={false}
          title={() => (
            <Typography.Text type="secondary">
              截至 {formatDate(assessment.data.asOf)}；<span className="screen-only">点击列标题排序。</span>
              {scoringRule}
            </Typography.Text>
          )}
          locale={{ emptyText: <Empty description={`${year} 年没有可考核的单位：单位牵头事项并有报送、通报后才会列入。`} /> }}
        />
      )}
    </>
  );
}
