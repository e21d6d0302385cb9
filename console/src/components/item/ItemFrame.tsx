import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useItem } from '../../api/queries';
import type { Item } from '../../api/types';
import { Problem } from '../Problem';

/** An item's page: its title, a way back, and the page's body once the item is there (or why it is not). */
export function ItemFrame({ back, backLabel, children }: { back: string; backLabel: string; children: (item: Item) => ReactNode }) {
  const { id = '' } = useParams();
  const item = useItem(id);
  if (item.isPending) return <Spin />;
  if (item.isError) return <Problem error={item.error} home={back} retry={() => void item.refetch()} />;
  return (
    <>
      <div className="page-head">
        <h1 className="page-title">{item.data.title}</h1>
        <Link to={back}>
          <Button icon={<ArrowLeftOutlined />}>{backLabel}</Button>
        </Link>
      </div>
      {children(item.data)}
    </>
  );
}
