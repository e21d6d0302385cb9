import { Alert } from 'antd';
import { ItemFrame } from '../../components/item/ItemFrame';
import { ItemRecord } from '../../components/item/ItemRecord';
import { ItemSummary } from '../../components/item/ItemSummary';
import { VerificationForm } from '../../components/item/VerificationForm';
import { statusLabels } from '../../labels';

/** What an inspector needs to verify a claimed completion: the item, its reports, its history, and the form. */
export default function InspectorItemPage() {
  return (
    <ItemFrame back="/inspector/queue" backLabel="返回核查任务">
      {(item) => (
        <>
          {item.status === 'completion-claimed' ? (
            <VerificationForm item={item} />
          ) : (
            <Alert type="info" showIcon title={`此事项当前为“${statusLabels[item.status]}”，不在核查环节。`} style={{ marginBottom: 16 }} />
          )}
          <ItemSummary item={item} />
          <ItemRecord item={item} />
        </>
      )}
    </ItemFrame>
  );
}
