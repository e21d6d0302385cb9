import { describe, expect, it } from 'vitest';
import { assertAnswersContract, type CheckedAnswer } from '../integration/contract-check';

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };
const unit = {
  id: 'hanyin-county',
  name: '汉阴县人民政府',
  kind: 'county',
  // As the API answers a contact: with whether mail to it bounced for good.
  contacts: [{ name: '刘县长', email: 'head@hanyin.example.gov.cn', role: 'head', undeliverable: false }],
  registeredAt: '2026-03-01T01:00:00.000Z',
  version: 1,
};
const answer = (status: number, json: unknown, headers: Record<string, string> = JSON_TYPE): CheckedAnswer => ({ status, headers, json });
const problem = (code: string) => ({ error: { code, message: 'Refused', details: [] } });

describe('the contract check of the integration tests', () => {
  it('passes an answer the contract documents, success or refusal', () => {
    expect(() => assertAnswersContract('POST', '/units', answer(201, unit))).not.toThrow();
    expect(() => assertAnswersContract('GET', '/units/hanyin-county?x=1', answer(200, unit))).not.toThrow();
    expect(() => assertAnswersContract('POST', '/units', answer(409, problem('conflict')))).not.toThrow();
    expect(() => assertAnswersContract('GET', '/no-such-route', answer(404, problem('not-found')))).not.toThrow();
  });

  it('fails a field the schema does not name, however deep: strict objects refuse it, others drop it', () => {
    expect(() => assertAnswersContract('GET', '/units/hanyin-county', answer(200, { ...unit, internal: 1 }))).toThrow(/internal/);
    const contacts = [{ ...unit.contacts[0], phone: '0915' }];
    expect(() => assertAnswersContract('GET', '/units', answer(200, { items: [{ ...unit, contacts }] }))).toThrow(
      /items\.0\.contacts\.0.*phone/,
    );
    const notice = {
      id: 'notice-1',
      level: 'office',
      unitIds: ['hanyin-county'],
      itemIds: [],
      reason: '逾期未办结',
      mediaExposure: false,
      issuedAt: '2026-03-01T01:00:00.000Z',
      issuedBy: { sub: 'office-1', role: 'office' },
      rectificationDue: '2026-03-08',
      rectifications: [{ unitId: 'hanyin-county', due: '2026-03-08', status: 'owed', reminded: true }],
    };
    expect(() => assertAnswersContract('GET', '/notices', answer(200, { items: [notice] }))).toThrow(
      /fields the contract does not document: items\[0\]\.rectifications\[0\]\.reminded$/,
    );
    expect(() =>
      assertAnswersContract('GET', '/no-such-route', answer(404, { error: { code: 'x', message: 'y', details: [], hint: 'z' } })),
    ).toThrow(/fields the contract does not document: error\.hint/);
  });

  it('fails a body that breaks the schema: a missing field, a code outside its enum', () => {
    const { version: _missing, ...unversioned } = unit;
    expect(() => assertAnswersContract('GET', '/units/hanyin-county', answer(200, unversioned))).toThrow(/version/);
    expect(() => assertAnswersContract('GET', '/units/hanyin-county', answer(200, { ...unit, kind: 'province' }))).toThrow(/kind/);
    expect(() => assertAnswersContract('GET', '/units/hanyin-county', answer(400, { message: 'bad' }))).toThrow(/error/);
  });

  it('fails a status the operation does not document', () => {
    expect(() => assertAnswersContract('GET', '/units', answer(409, problem('conflict')))).toThrow(/does not document/);
    expect(() => assertAnswersContract('POST', '/units', answer(200, unit))).toThrow(/does not document/);
    expect(() => assertAnswersContract('GET', '/no-such-route', answer(500, problem('internal')))).toThrow(/no operation/);
  });

  it('fails a media type other than the documented one', () => {
    const csv = { 'content-type': 'text/csv; charset=utf-8' };
    expect(() => assertAnswersContract('GET', '/reports/ledger.csv', answer(200, undefined, csv))).not.toThrow();
    expect(() => assertAnswersContract('GET', '/reports/ledger.csv', answer(200, [], JSON_TYPE))).toThrow(/text\/csv/);
    expect(() => assertAnswersContract('GET', '/units/hanyin-county', answer(200, unit, csv))).toThrow(/application\/json/);
  });
});
