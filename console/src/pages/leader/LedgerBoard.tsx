import { Typography } from 'antd';
import { Ledger } from '../../components/Ledger';

/** The leaders read the whole ledger and may export it; they change nothing. */
export default function LeaderLedgerBoard() {
  return (
    <>
      <div className="page-head">
        <Typography.Title level={3}>督查台账</Typography.Title>
      </div>
      <Ledger itemPath={(id) => `/leader/items/${encodeURIComponent(id)}`} exportAllowed />
    </>
  );
}
