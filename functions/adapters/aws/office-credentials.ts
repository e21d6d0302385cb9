import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';

/**
 * Credentials for work in an office's reach below the root, in AWS: the office role (lib/office-access.ts) assumed
 * with the session tag `office` = the reach, which its policy's dynamodb:LeadingKeys condition reads
 * (`${aws:PrincipalTag/office}`). Imported by dynamodb/client.ts only when first needed.
 */
export const officeCredentials = (roleArn: string, reach: string, clientConfig?: { endpoint?: string; region?: string }) =>
  fromTemporaryCredentials({
    params: {
      RoleArn: roleArn,
      // A session name may not hold `/`; CloudTrail shows it beside each call.
      RoleSessionName: `office-${reach.replaceAll('/', '.')}`.slice(0, 64),
      Tags: [{ Key: 'office', Value: reach }],
      DurationSeconds: 900,
    },
    ...(clientConfig ? { clientConfig } : {}),
  });

export type OfficeCredentials = ReturnType<typeof officeCredentials>;
