/**
 * 督查台账 made ready while the office (or a leader) reads another page: once the browser is idle, the board's
 * first page of items and the roster are fetched into the cache and the board is rendered once, off the document.
 * A board's first arrival in a document used to cost 250–400 ms on this kind of machine, against ~110 ms for the
 * next one: the page's code ran for the first time (V8 compiles a function when it first runs), antd generated the
 * styles of the components the board adds (its selects, search box, empty state), and the list was fetched. After
 * the warm-up, moving to the board is a second arrival: the rows come from the cache (refreshed in the background
 * once older than the query's 15 s), the code is compiled, the styles are in the page.
 *
 * The board is rendered into an element that is never attached to the document: nothing of it can be seen, read
 * by a screen reader or found by a test, and the browser lays none of it out. It is unmounted once it has rendered.
 */
import { type ComponentType, useEffect, useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import { itemsPageOptions, unitsOptions } from '../api/queries';
import { queryClient } from '../api/query-client';
import { pageQuery } from '../ledger-filters';

type LedgerComponent = ComponentType<{ itemPath: (id: string) => string; exportAllowed: boolean }>;

/** Calls `rendered` once the board has committed: its effects ran, its styles were inserted. */
function RenderedOnce({ Ledger, rendered }: { Ledger: LedgerComponent; rendered: () => void }) {
  useEffect(rendered, [rendered]);
  return <Ledger itemPath={(id) => id} exportAllowed={false} />;
}

/** `filters`: the board's address as the person would arrive on it (a leader with a portfolio: `leader=me`). */
export function BoardWarmUp({ filters }: { filters: Record<string, string> }) {
  const [Ledger, setLedger] = useState<LedgerComponent | null>(null);
  const [done, setDone] = useState(false);
  const offDocument = useMemo(() => document.createElement('div'), []);
  const search = new URLSearchParams(filters).toString();

  useEffect(() => {
    let cancelled = false;
    const whenIdle = window.requestIdleCallback ?? ((run: () => void) => window.setTimeout(run, 500));
    const stopWaiting = window.cancelIdleCallback ?? window.clearTimeout;
    const handle = whenIdle(() => {
      void Promise.all([
        import('./Ledger'),
        queryClient.prefetchQuery(itemsPageOptions(pageQuery(new URLSearchParams(search)))),
        queryClient.prefetchQuery(unitsOptions),
      ])
        .then(([module]) => {
          if (!cancelled) setLedger(() => module.Ledger);
        })
        // A warm-up that fails costs nothing: the board loads as it would have without it.
        .catch(() => undefined);
    });
    return () => {
      cancelled = true;
      stopWaiting(handle);
    };
  }, [search]);

  if (!Ledger || done) return null;
  return createPortal(<RenderedOnce Ledger={Ledger} rendered={() => setDone(true)} />, offDocument);
}
