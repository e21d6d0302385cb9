import { Col, Row } from 'antd';
import type { Item } from '../../api/types';
import { HistoryTimeline } from './HistoryTimeline';
import { ReportList } from './ReportList';

/** What every role reads of an item, side by side: the progress reports and the history. */
export function ItemRecord({ item }: { item: Item }) {
  return (
    <Row gutter={16}>
      <Col span={15}>
        <ReportList item={item} />
      </Col>
      <Col span={9}>
        <HistoryTimeline itemId={item.id} />
      </Col>
    </Row>
  );
}
