/**
 * The retention values CloudWatch Logs accepts for a log group (PutRetentionPolicy), in days.
 * 0 or unset is "never expire" (not in the list). Shared by the log-group rules and the
 * components that create log groups. Not a rule itself.
 */
export const CLOUDWATCH_RETENTION_DAYS: readonly number[] = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];
