/**
 * The HIPAA retention period (45 CFR 164.316(b)(2)(i): six years) in days, as AWS settings take
 * it: 6 x 365.25 rounded up, which is also a retention CloudWatch Logs accepts. Not a rule itself.
 */
export const SIX_YEARS_DAYS = 2192;
