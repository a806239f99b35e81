/** Labels and annotations this library writes and its rules read. One place, so both agree. */

/** PHI classification of a namespace or workload: `"true"` when it stores or processes PHI, else `"false"`. */
export const PHI_LABEL = 'hipaa-constructs.io/phi';
/** Team or person accountable for the object. */
export const OWNER_LABEL = 'hipaa-constructs.io/owner';
/** Values allowed in {@link PHI_LABEL}. */
export const PHI_LABEL_VALUES: readonly string[] = ['true', 'false'];
