import { countOf } from '../format';

/** What "Export session" writes: the whole session, its queries in order ("1 query" alone has no order to tell). */
export const scopeText = (queryCount: number): string => `The whole session: ${countOf(queryCount, 'query', 'queries')}${queryCount > 1 ? ', in the order they ran' : ''}`;
