import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { Link } from 'react-router-dom';
import { Ledger } from '../../components/Ledger';

export default function LedgerBoard() {
  const register = (
    <Link to="/office/items/new">
      <Button type="primary" icon={<PlusOutlined />}>
        立项派发
      </Button>
    </Link>
  );
  return (
    <>
      <div className="page-head">
        <h1 className="page-title">督查台账</h1>
        <Space>
          <Link to="/office/items/import">
            <Button icon={<ImportOutlined />}>导入台账</Button>
          </Link>
          {register}
        </Space>
      </div>
      <Ledger itemPath={(id) => `/office/items/${encodeURIComponent(id)}`} exportAllowed actions={register} />
    </>
  );
}
