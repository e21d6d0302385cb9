/**
 * An item named by its title, for pages that hold only its id (a notice's 涉及事项): an id means nothing to a
 * person. Each title is one GET /items/{id}, cached with the item's own query (a notice names a few items).
 */
import { Link } from 'react-router-dom';
import { useItem } from '../../api/queries';

export function ItemTitleLink({ id, base }: { id: string; base: string }) {
  const item = useItem(id);
  const title = item.data?.title ?? (item.isError ? '（无法查看的事项）' : '…');
  if (item.isError) return <span style={{ marginRight: 12 }}>{title}</span>;
  return (
    <Link to={`${base}/items/${encodeURIComponent(id)}`} style={{ marginRight: 12 }}>
      {title}
    </Link>
  );
}
