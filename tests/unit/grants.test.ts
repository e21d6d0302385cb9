import { describe, expect, it } from 'vitest';
import { compareGrants, grantsOfStack, permissionsOf, type Permission } from '../../scripts/grants';

/**
 * The check `npm test` runs after the integration tier (scripts/check-grants.ts) on the calls that tier recorded:
 * here on the stack's real grants, with the calls made to match them, then one grant taken away or one added.
 */
const copy = (grants: Map<string, Set<Permission>>) => new Map([...grants].map(([fn, ps]) => [fn, new Set(ps)]));

describe('the grants check', () => {
  it('finds nothing when every call is granted and every grant called', () => {
    const granted = grantsOfStack();
    expect(compareGrants(granted, copy(granted)).filter((f) => f.problem === 'not-granted')).toEqual([]);
  });

  it('names a grant taken away that a route group still uses', () => {
    const granted = grantsOfStack();
    const used = copy(granted);
    granted.get('http:lifecycle')!.delete('dynamodb:UpdateItem table');
    expect(compareGrants(granted, used)).toContainEqual({
      fn: 'http:lifecycle',
      permission: 'dynamodb:UpdateItem table',
      problem: 'not-granted',
    });
  });

  it('names a grant added that nothing calls', () => {
    const granted = grantsOfStack();
    const used = copy(granted);
    granted.get('http:statistics')!.add('dynamodb:PutItem table');
    expect(compareGrants(granted, used)).toEqual([{ fn: 'http:statistics', permission: 'dynamodb:PutItem table', problem: 'never-used' }]);
  });

  it('reads each call as the IAM actions that authorise it: a transaction by its parts, a copy as a read and a write', () => {
    const transaction = { TransactItems: [{ Put: {} }, { Update: {} }, { ConditionCheck: {} }] };
    expect(permissionsOf('DynamoDBClient', 'TransactWriteItemsCommand', transaction)).toEqual([
      'dynamodb:PutItem table',
      'dynamodb:UpdateItem table',
      'dynamodb:ConditionCheckItem table',
    ]);
    expect(permissionsOf('S3Client', 'CopyObjectCommand', { CopySource: 'bucket/uploads/a%2Fb.pdf', Key: 'attached/f1' })).toEqual([
      's3:GetObject attachments/uploads/',
      's3:PutObject attachments/attached/',
    ]);
    expect(permissionsOf('S3Client', 'UploadPartCommand', { Key: 'dossiers/i1/x.zip' })).toEqual(['s3:PutObject attachments/dossiers/']);
    expect(permissionsOf('SESClient', 'SendEmailCommand', {})).toEqual(['ses:SendEmail mail']);
  });
});
