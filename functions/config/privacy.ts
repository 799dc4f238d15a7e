import * as z from 'zod';

/** The smallest group whose hours a page outside leadership's may show; below it a figure would reveal a person's hours. */
export const DEFAULT_MIN_GROUP = 5;

/**
 * `privacy`: what the site shows to the roles that see figures without names (docs/published-json.md,
 * "Roles on the site"). `minGroup`: an hours figure covering fewer distinct people than this is
 * suppressed with a note on pages a `pm` or `strategy` viewer can open. `accessContact`: whom the
 * no-access page tells someone without a pmpulse group to ask (a team, a mailbox, a ticket queue).
 */
export const PrivacyConfigSchema = z
  .object({
    minGroup: z.number().int().min(2, 'at least 2: a group of one is a person').max(1000).default(DEFAULT_MIN_GROUP),
    accessContact: z.string().trim().min(1).max(200).optional(),
  })
  .strict();

export type PrivacyConfig = z.infer<typeof PrivacyConfigSchema>;

/** The `privacy` key of the config: absent, every default. */
export const PrivacyBlockSchema = PrivacyConfigSchema.default({ minGroup: DEFAULT_MIN_GROUP });

/** Whether an hours figure over `people` distinct people may be shown where personal hours may not (no count: no). */
export const largeEnough = (people: number | undefined, minGroup: number): boolean => people !== undefined && people >= minGroup;
