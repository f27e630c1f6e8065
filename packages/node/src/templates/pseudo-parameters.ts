/**
 * The account a template is pretended into: AWS's pseudo parameters (`AWS::Region`,
 * `AWS::AccountId`, `AWS::Partition`, …), from options with documented defaults, the same ones
 * the engine uses for the ARNs it makes, so a template's placeholder ARNs and the machine's agree.
 */

/** Where the template is pretended to be deployed. */
export interface AccountOptions {
  /** `AWS::Region` (default `us-east-1`). */
  region?: string;
  /** `AWS::AccountId` (default `123456789012`). */
  accountId?: string;
  /** `AWS::Partition` (default from the region: `aws`, `aws-cn` for `cn-*`, `aws-us-gov` for `us-gov-*`). */
  partition?: string;
  /** `AWS::StackName` (default: the stack's name in cdk.out, else the template file's name). */
  stackName?: string;
}

export interface PseudoParameters {
  region: string;
  accountId: string;
  partition: string;
  urlSuffix: string;
  stackName: string;
  stackId: string;
}

export const DEFAULT_REGION = 'us-east-1';
export const DEFAULT_ACCOUNT_ID = '123456789012';

export function pseudoParameters(options: AccountOptions, defaultStackName: string): PseudoParameters {
  const region = options.region ?? DEFAULT_REGION;
  const partition =
    options.partition ?? (region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws');
  const accountId = options.accountId ?? DEFAULT_ACCOUNT_ID;
  const stackName = options.stackName ?? defaultStackName;
  return {
    region,
    accountId,
    partition,
    urlSuffix: partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com',
    stackName,
    // A fixed id: the same template gives the same ARNs on every run.
    stackId: `arn:${partition}:cloudformation:${region}:${accountId}:stack/${stackName}/00000000-0000-4000-8000-000000000000`,
  };
}

/** The value of `AWS::<Name>`, or undefined for a name CloudFormation does not have. */
export function pseudoParameter(name: string, pseudo: PseudoParameters): string | string[] | undefined {
  switch (name) {
    case 'AWS::Region':
      return pseudo.region;
    case 'AWS::AccountId':
      return pseudo.accountId;
    case 'AWS::Partition':
      return pseudo.partition;
    case 'AWS::URLSuffix':
      return pseudo.urlSuffix;
    case 'AWS::StackName':
      return pseudo.stackName;
    case 'AWS::StackId':
      return pseudo.stackId;
    case 'AWS::NotificationARNs':
      return [];
    default:
      return undefined;
  }
}
