import { Col, Row } from 'antd';
import type { Item } from '../../api/types';
import { HistoryTimeline } from './HistoryTimeline';
import { ReportList } from './ReportList';

/** What every role reads of an item, side by side: the progress reports and the history. */
/** `canReturn`: the office's view, where each report can be returned (退回重报). */
export function ItemRecord({ item, canReturn = false }: { item: Item; canReturn?: boolean }) {
  return (
    <Row gutter={16}>
      <Col span={15}>
        <ReportList item={item} canReturn={canReturn} />
      </Col>
      <Col span={9}>
        <HistoryTimeline itemId={item.id} />
      </Col>
    </Row>
  );
}
