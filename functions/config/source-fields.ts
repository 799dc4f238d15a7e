import * as z from 'zod';

/**
 * Source fields pmpulse reads, named by id or by name (resolved at sync time by
 * functions/connectors/kit/field-ref.ts: an exact id first, else a name exactly one field has).
 * Jira: a custom field id such as `customfield_10050` or its name; Asana: a custom field gid or name.
 */
const fieldRef = z.string().trim().min(1, 'a field id or name');

export const SourceFieldsSchema = z
  .object({
    /**
     * The project manager. Jira: a user-picker field on the issues; the project's PM candidate is
     * its most common value over the project's issues. Asana: a people field on the project.
     */
    pm: fieldRef.optional(),
    /** Values become task tags (Jira) or task and project tags (Asana) that the theme rules match. */
    theme: fieldRef.optional(),
    /** A number field holding the estimate in hours, read instead of the source's own estimate. */
    estimate: fieldRef.optional(),
  })
  .strict();

export type SourceFields = z.infer<typeof SourceFieldsSchema>;
