import { Ledger } from '../../components/Ledger';

/** The leaders read the whole ledger and may export it; they change nothing. */
export default function LeaderLedgerBoard() {
  return (
    <>
      <div className="page-head">
        <h1 className="page-title">督查台账</h1>
      </div>
      <Ledger itemPath={(id) => `/leader/items/${encodeURIComponent(id)}`} exportAllowed />
    </>
  );
}
