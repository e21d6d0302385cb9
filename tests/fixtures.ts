import type { ItemRegistration } from '../functions/domain/items';
import type { Contact, UnitKind, UnitRegistration } from '../functions/domain/units';

/** Test records with the fields a test does not care about filled in, shared by unit and integration tests. */

export const head = (unitId: string) => `head@${unitId}.example.gov.cn`;
export const liaison = (unitId: string) => `liaison@${unitId}.example.gov.cn`;

/** A unit with, unless told otherwise, a head and a liaison at addresses of its own. */
export const unitRegistration = (id: string, name: string, kind: UnitKind = 'county', contacts?: Contact[]): UnitRegistration => ({
  id,
  name,
  kind,
  contacts: contacts ?? [
    { name: '张主任', email: head(id), role: 'head' },
    { name: '李科长', email: liaison(id), role: 'liaison' },
  ],
});

/** What a test says of an item it registers; the rest is a plain meeting decision with one requirement. */
export type ItemFields = Pick<ItemRegistration, 'title' | 'leadUnit' | 'dueDate'> & Partial<ItemRegistration>;

/** The registration of a meeting decision (会议决定事项) with the test's own fields. */
export const meetingDecision = (fields: ItemFields): ItemRegistration => ({
  description: '',
  source: 'meeting-decision',
  sourceRef: '市政府常务会议纪要',
  coUnits: [],
  requirements: ['工作进展情况'],
  projectType: false,
  milestones: [],
  ...fields,
});
