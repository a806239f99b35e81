/**
 * The HIPAA retention period (45 CFR 164.316(b)(2)(i): six years) in days, as AWS settings take
 * it: 6 x 365.25 rounded up (two leap days), which is also a retention CloudWatch Logs accepts.
 * The one place the AWS rules and the Pulumi components take it from. Not a rule itself.
 */
export const SIX_YEARS_IN_DAYS = 2192;
