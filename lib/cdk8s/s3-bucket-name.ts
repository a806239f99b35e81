/**
 * S3 general purpose bucket names, validated by the naming rules of Amazon S3 (User Guide,
 * "General purpose bucket naming rules"), for BackupSchedule, which writes the bucket into a Velero
 * BackupStorageLocation.
 */

const ALLOWED = /^[a-z0-9.-]+$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/** Why `name` is not a valid S3 bucket name (a phrase completing "bucket 'x' ..."), or undefined when it is. */
export function s3BucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return `is ${name.length} characters long; S3 bucket names have 3 to 63`;
  if (!ALLOWED.test(name)) return 'may hold only lower-case letters, digits, dots and hyphens';
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return 'must begin and end with a letter or digit';
  if (name.includes('..')) return 'must not hold two adjacent dots';
  if (IPV4.test(name)) return 'must not be formatted as an IP address';
  const prefix = RESERVED_PREFIXES.find((p) => name.startsWith(p));
  if (prefix) return `must not start with '${prefix}', which S3 reserves`;
  const suffix = RESERVED_SUFFIXES.find((s) => name.endsWith(s));
  if (suffix) return `must not end with '${suffix}', which S3 reserves`;
  return undefined;
}
