import { useEffect } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useAuth } from '../../auth/AuthContext';
import { Ledger } from '../../components/Ledger';

/**
 * The leaders read the whole ledger and may export it; they change nothing. A leader with a portfolio (分管领导)
 * opens on their own items (`leader=me`); clearing the filter shows the whole city.
 */
export default function LeaderLedgerBoard() {
  const { session } = useAuth();
  const [params, setParams] = useSearchParams();
  const portfolio = Boolean(session?.leaderId);
  // Only on arrival with a bare address: a link with filters (or 清除筛选 afterwards) is taken as it is.
  // biome-ignore lint/correctness/useExhaustiveDependencies: on arrival only, not on every change of the filters.
  useEffect(() => {
    if (portfolio && params.size === 0) setParams({ leader: 'me' }, { replace: true });
  }, [portfolio]);
  return (
    <>
      <div className="page-head">
        <h1 className="page-title">督查台账</h1>
      </div>
      <Ledger itemPath={(id) => `/leader/items/${encodeURIComponent(id)}`} exportAllowed />
    </>
  );
}
