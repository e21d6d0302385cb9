import { CascadeCard } from '../../components/item/CascadeCard';
import { ExtensionList } from '../../components/item/ExtensionList';
import { ItemFrame } from '../../components/item/ItemFrame';
import { ItemRecord } from '../../components/item/ItemRecord';
import { ItemSummary } from '../../components/item/ItemSummary';

/** A leader reads every item, changes none. */
export default function LeaderItemPage() {
  return (
    <ItemFrame back="/leader/board" backLabel="返回台账">
      {(item) => (
        <>
          <ItemSummary item={item} />
          <CascadeCard item={item} />
          <ItemRecord item={item} />
          <ExtensionList itemId={item.id} canDecide={false} />
        </>
      )}
    </ItemFrame>
  );
}
