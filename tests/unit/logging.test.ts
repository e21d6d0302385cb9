import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DynamoUnitRepository } from '../../functions/adapters/dynamodb/unit-repository';
import { handler } from '../../functions/http/units';
import { jobCounts, runJob } from '../../functions/jobs/run-job';
import { logger, METRIC, metrics } from '../../functions/observability';
import { REDACTED, redactLogValue, redactText } from '../../functions/redact';
import { emptyDelivery } from '../../functions/use-cases/deliver-mail';
import { lambdaContext } from '../lambda-context';
import { claimsOf, proxyEvent } from '../proxy-event';
import { ROOT_OFFICE } from '../../functions/domain/offices';

/**
 * Logs (issue 11): no email address, token or report text in any log line, whatever a caller passes
 * the logger, and every line of an invocation carries its request id. Log lines are captured where
 * Powertools writes them: the process's stdout and stderr.
 */
const email = 'head@leak-check.example.gov.cn';
const token =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJsb2NhbC1vZmZpY2UiLCJjb2duaXRvOmdyb3VwcyI6WyJvZmZpY2UiXX0.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg';
const reportText = '资金已到位八成，管网铺设完成百分之六十';

let lines: string[];
beforeEach(() => {
  lines = [];
  const capture = (chunk: unknown) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture as typeof process.stdout.write);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture as typeof process.stderr.write);
});
afterEach(() => {
  logger.setLogLevel('INFO');
});

/** The tree of a single office, as every ledger was before offices. */
const rootOnly = { all: async () => [{ id: ROOT_OFFICE, name: '市政府督查室', registeredAt: '2026-01-01T00:00:00.000Z' }] };

describe('the logger redacts', () => {
  it('addresses, bearer tokens and JWTs inside any string', () => {
    expect(redactText(`mail to ${email}, Authorization: Bearer ${token}`)).toBe('mail to [email], Authorization: Bearer [token]');
    expect(redactText(`token=${token}`)).toBe('token=[token]');
    expect(redactText('第 2 项：资金到位情况')).toBe('第 2 项：资金到位情况');
  });

  it('what people wrote and credentials whole, by key, but keeps counts', () => {
    expect(redactLogValue('summary', reportText)).toBe(REDACTED);
    expect(redactLogValue('answers', [{ requirement: 0, answer: reportText }])).toBe(REDACTED);
    expect(redactLogValue('Authorization', `Bearer ${token}`)).toBe(REDACTED);
    expect(redactLogValue('contacts', [{ email }])).toBe(REDACTED);
    expect(redactLogValue('recipients', 3)).toBe(3);
    expect(redactLogValue('to', 2)).toBe(2);
    expect(redactLogValue('itemId', 'item-1')).toBe('item-1');
  });

  it('in every line the logger writes, nested or not', () => {
    logger.info(`sending to ${email}`, {
      event: { headers: { Authorization: `Bearer ${token}` }, body: JSON.stringify({ summary: reportText, email }) },
      report: { summary: reportText, answers: [{ requirement: 0, answer: reportText }] },
      error: new Error(`SES refused ${email}`),
    });
    const out = lines.join('\n');
    expect(lines).toHaveLength(1);
    expect(out).not.toContain(email);
    expect(out).not.toContain(token);
    expect(out).not.toContain(reportText);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ message: 'sending to [email]', report: REDACTED });
  });
});

describe('a handler invocation', () => {
  it('logs neither the email nor the token of the request, and every line carries the request id', async () => {
    logger.setLogLevel('DEBUG');
    // An unexpected failure whose message quotes what the request carried, as SDK errors can.
    vi.spyOn(DynamoUnitRepository.prototype, 'register').mockRejectedValue(
      new Error(`ValidationException: value ${email} rejected for request with Bearer ${token}`),
    );
    const event = proxyEvent({
      method: 'POST',
      resource: '/units',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ id: 'leak-check', name: '泄露检查局', kind: 'agency', contacts: [{ name: '王五', email, role: 'head' }] }),
      claims: claimsOf('office'),
      requestId: 'apigw-request-4711',
    });
    const answer = await handler(event, lambdaContext('ducha-units', 'lambda-request-0815'));
    expect(answer.statusCode).toBe(500);
    const out = lines.join('\n');
    expect(lines.length).toBeGreaterThan(0);
    expect(out).not.toContain(email);
    expect(out).not.toContain(token);
    for (const line of lines) {
      expect(JSON.parse(line)).toMatchObject({ function_request_id: 'lambda-request-0815', correlation_id: 'apigw-request-4711' });
    }
    expect(out).toContain('Unhandled error');
  });

  it("of a job carries the invocation's request id, and publishes the job's counts as metrics", async () => {
    const addMetric = vi.spyOn(metrics, 'addMetric');
    vi.spyOn(metrics, 'publishStoredMetrics').mockImplementation(() => metrics);
    const job = runJob(
      'overdue-escalation',
      async (now) => ({
        job: 'overdue-escalation',
        time: now.toISOString(),
        date: '2026-12-01',
        looked: 3,
        emails: { ...emptyDelivery(), sent: 2, failed: 1, failures: [{ kind: 'warning', reason: 'SES throttled' }] },
        noticesIssued: ['n-1'],
        unitsWithoutContacts: [],
        itemsTurnedRed: 2,
      }),
      rootOnly,
    );
    await job({ time: '2026-12-01T09:30:00+08:00' }, lambdaContext('ducha-overdue-escalation', 'job-request-42'));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines.filter((l) => l.startsWith('{') && !l.includes('"_aws"'))) {
      expect(JSON.parse(line)).toMatchObject({ function_request_id: 'job-request-42' });
    }
    const published = Object.fromEntries(addMetric.mock.calls.map(([name, , value]) => [name, value]));
    expect(published).toEqual({
      [METRIC.emailsSent]: 2,
      [METRIC.emailsFailed]: 1,
      [METRIC.emailsParked]: 0,
      [METRIC.noticesIssued]: 1,
      [METRIC.itemsTurnedRed]: 2,
    });
  });

  it('of a dry run passes the mode to the job, publishes no metric and says it wrote nothing', async () => {
    const addMetric = vi.spyOn(metrics, 'addMetric');
    vi.spyOn(metrics, 'publishStoredMetrics').mockImplementation(() => metrics);
    const modes: unknown[] = [];
    const job = runJob(
      'overdue-escalation',
      async (now, mode) => {
        modes.push(mode);
        return {
          job: 'overdue-escalation',
          time: now.toISOString(),
          date: '2026-12-01',
          looked: 3,
          emails: { ...emptyDelivery(), sent: 2 },
          noticesIssued: ['n-1'],
          unitsWithoutContacts: [],
          dryRun: { written: 'nothing', wouldSend: [], wouldIssue: [], withheld: { 'mailer.send': 2 } },
        };
      },
      rootOnly,
    );
    const summary = await job({ time: '2026-12-01T09:30:00+08:00', dryRun: true }, lambdaContext('ducha-overdue-escalation', 'dry-1'));
    expect(modes).toEqual([{ dryRun: true, office: expect.objectContaining({ id: ROOT_OFFICE }) }]);
    expect(summary).toMatchObject({ sent: 2, noticesIssued: ['n-1'], dryRun: { written: 'nothing', withheld: { 'mailer.send': 2 } } });
    expect(addMetric).not.toHaveBeenCalled();
    expect(lines.some((l) => l.includes('overdue-escalation dry run: nothing written'))).toBe(true);
    await job({ time: '2026-12-01T09:30:00+08:00' }, lambdaContext('ducha-overdue-escalation', 'real-1'));
    expect(modes.at(-1)).toEqual({ dryRun: false, office: expect.objectContaining({ id: ROOT_OFFICE }) });
  });

  it('counts escalated rectifications for the rectification check', () => {
    const summary = { sent: 0, failed: 0, parked: 0, noticesIssued: ['n'] } as never;
    expect(jobCounts(summary, { rectificationsEscalated: 4 } as never)).toMatchObject({ [METRIC.rectificationsEscalated]: 4 });
  });
});
