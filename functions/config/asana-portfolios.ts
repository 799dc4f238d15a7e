import * as z from 'zod';

/**
 * Which Asana portfolios give projects their portfolio. Asana lists portfolios only for their
 * owner (`owner=me`), so those of other people are named here by gid; without the key, the
 * token user's own portfolios are read.
 */
export const asanaPortfolioFields = {
  portfolios: z.array(z.string().regex(/^\d+$/, 'a portfolio gid (digits)')).min(1).optional(),
};
