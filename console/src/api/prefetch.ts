/**
 * The board's data, asked for the moment the route is entered, while its
 * code is still downloading, instead of after it has rendered: the first
 * page of the ledger arrives with the code rather than after it.
 */
import type { LoaderFunctionArgs } from 'react-router-dom';
import { pageQuery } from '../ledger-filters';
import { bearer } from './client';
import { itemsPageOptions, unitsOptions } from './queries';
import { queryClient } from './query-client';

export function prefetchBoard({ request }: LoaderFunctionArgs): null {
  // Signed out: the page will send the person to sign in; a request now would only be refused.
  if (!bearer().Authorization) return null;
  void queryClient.prefetchQuery(itemsPageOptions(pageQuery(new URL(request.url).searchParams)));
  void queryClient.prefetchQuery(unitsOptions);
  return null;
}
