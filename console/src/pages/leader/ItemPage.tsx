import { Col, Row } from 'antd';
import { ExtensionList } from '../../components/item/ExtensionList';
import { HistoryTimeline } from '../../components/item/HistoryTimeline';
import { ItemFrame } from '../../components/item/ItemFrame';
import { ItemSummary } from '../../components/item/ItemSummary';
import { ReportList } from '../../components/item/ReportList';

/** A leader reads every item, changes none. */
export default function LeaderItemPage() {
  return (
    <ItemFrame back="/leader/board" backLabel="返回台账">
      {(item) => (
        <>
          <ItemSummary item={item} />
          <Row gutter={16}>
            <Col span={15}>
              <ReportList item={item} />
            </Col>
            <Col span={9}>
              <HistoryTimeline itemId={item.id} />
            </Col>
          </Row>
          <ExtensionList itemId={item.id} canDecide={false} />
        </>
      )}
    </ItemFrame>
  );
}
