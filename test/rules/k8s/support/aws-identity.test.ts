import { awsRegionProblem, parseIamRoleArn, partitionRegionProblem } from '../../../../lib/rules/k8s/support/aws-identity';
import { partitionOfRegion } from '../../../../lib/rules/k8s/support/aws-regions';

describe('AWS regions', () => {
  // A region AWS opens later (a new number in a known area and direction) still passes.
  test.each(['us-east-1', 'eu-central-1', 'ap-southeast-2', 'us-gov-west-1', 'cn-north-1', 'il-central-1', 'ap-southeast-9', 'mx-central-1'])('%s is a region', (r) => {
    expect(awsRegionProblem(r)).toBeUndefined();
  });

  test.each([
    [undefined, 'is missing'],
    [3, 'is not a string (3)'],
    ['', 'is empty'],
    ['US-EAST-1', "'US-EAST-1' is not an AWS region (expected e.g. us-east-1, eu-central-1, us-gov-west-1)"],
    ['us-east', "'us-east' is not an AWS region (expected e.g. us-east-1, eu-central-1, us-gov-west-1)"],
    ['us-eats-1', "'us-eats-1' is not an AWS region: 'eats' is not a direction of an AWS region name (central, east, north, northeast, northwest, south, southeast, southwest, west); the nearest region is us-east-1"],
    ['eu-centre-1', "'eu-centre-1' is not an AWS region: 'centre' is not a direction of an AWS region name (central, east, north, northeast, northwest, south, southeast, southwest, west); the nearest region is eu-central-1"],
    ['xx-east-1', "'xx-east-1' is not an AWS region: 'xx' starts no AWS region name (af, ap, ca, cn, eu, il, me, mx, sa, us)"],
    ['us-gov-eats-1', "'us-gov-eats-1' is not an AWS region: 'eats' is not a direction of an AWS region name (central, east, north, northeast, northwest, south, southeast, southwest, west); the nearest region is us-gov-east-1"],
    ['us-east-1a', "'us-east-1a' is not an AWS region (expected e.g. us-east-1, eu-central-1, us-gov-west-1)"],
  ])('%p is refused', (r, problem) => {
    expect(awsRegionProblem(r)).toBe(problem);
  });

  test('partitions of regions, and a role used across partitions', () => {
    expect(['us-east-1', 'us-gov-east-1', 'cn-northwest-1'].map(partitionOfRegion)).toEqual(['aws', 'aws-us-gov', 'aws-cn']);
    expect(partitionRegionProblem('aws-cn', 'cn-north-1')).toBeUndefined();
    expect(partitionRegionProblem('aws-cn', 'eu-west-1')).toBe("the role is in partition aws-cn but region 'eu-west-1' is in partition aws; IRSA cannot assume a role across partitions");
  });
});

describe('IAM role ARNs', () => {
  test('parses partition, account, path and name', () => {
    expect(parseIamRoleArn('arn:aws:iam::123456789012:role/clinic-secrets')).toEqual({ role: { partition: 'aws', account: '123456789012', path: '/', name: 'clinic-secrets' } });
    expect(parseIamRoleArn('arn:aws-us-gov:iam::123456789012:role/platform/eso/reader+x=y,z.@_-')).toEqual({
      role: { partition: 'aws-us-gov', account: '123456789012', path: '/platform/eso/', name: 'reader+x=y,z.@_-' },
    });
  });

  test.each([
    ['arn:aws:iam::123456789012:role/' + 'r'.repeat(65), `has role name '${'r'.repeat(65)}'; expected 1 to 64 letters, digits or + = , . @ _ -`],
    ['arn:aws:iam::123456789012:role/' + 'p/'.repeat(300) + 'r', `has role path '/${'p/'.repeat(300)}'; expected printable characters without spaces, at most 512`],
    ['arn:aws:iam::123456789012:policy/p', "names a policy, not a role; expected role/<name> (IRSA assumes a role, never a user's keys)"],
    ['arn:aws:iam::123456789012:root', "names 'root', not a role; expected role/<name> (IRSA assumes a role, never a user's keys)"],
    ['arn:aws:iam::1234567890123:role/r', "has account '1234567890123'; expected 12 digits"],
  ])('%s is refused, naming the part', (arn, problem) => {
    expect(parseIamRoleArn(arn).problem).toBe(`'${arn}' ${problem}`);
  });

  test('values that are not ARNs', () => {
    expect(parseIamRoleArn(undefined).problem).toBe('is missing');
    expect(parseIamRoleArn({}).problem).toBe('is not a string ({})');
    expect(parseIamRoleArn('').problem).toBe('is empty');
    expect(parseIamRoleArn('arn:aws:iam::123456789012:role/a:b').problem).toBe(
      "'arn:aws:iam::123456789012:role/a:b' is not an ARN of the form arn:<partition>:iam::<account>:role/<name> (expected e.g. arn:aws:iam::123456789012:role/clinic-secrets-reader)",
    );
  });
});
