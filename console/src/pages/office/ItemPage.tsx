import { CascadeCard } from '../../components/item/CascadeCard';
import { ExtensionList } from '../../components/item/ExtensionList';
import { ItemFrame } from '../../components/item/ItemFrame';
import { ItemRecord } from '../../components/item/ItemRecord';
import { ItemEdits } from '../../components/item/ItemEdits';
import { ItemSummary } from '../../components/item/ItemSummary';
import { VerificationForm } from '../../components/item/VerificationForm';

/** The office's view of an item: everything, with the decisions it makes (延期审批, 核查). */
export default function OfficeItemPage() {
  return (
    <ItemFrame back="/office/board" backLabel="返回台账">
      {(item) => (
        <>
          <ItemSummary item={item} />
          <CascadeCard item={item} />
          <ItemEdits item={item} />
          {item.status === 'completion-claimed' ? <VerificationForm item={item} /> : null}
          <ExtensionList itemId={item.id} canDecide />
          <ItemRecord item={item} canReturn />
        </>
      )}
    </ItemFrame>
  );
}
