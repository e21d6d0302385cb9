/**
 * The Chinese words for the contract's codes come from the domain's one table
 * of them (functions/domain/labels.ts: the mail, the API's messages and
 * /openapi.json say the same words); this module adds only what is the page's
 * own, the colours. Each colour table is typed against the generated schema:
 * a value the API adds is a compile error here until it has its colour.
 */
import type { Grade, ItemStatus, Light } from './api/types';

export {
  extensionStatusLabels,
  LEGACY_EXTENSION_NOTES,
  historyEventLabels as eventLabels,
  lightLabels,
  mailTopicLabels,
  noticeLevelLabels,
  obligationStatusLabels as rectificationLabels,
  qualityKindLabels,
  roleLabels,
  sourceLabels,
  statusLabels,
  unitKindLabels,
  verificationMethodLabels as verificationLabels,
} from '../../functions/domain/labels';

export const statusColors: Record<ItemStatus, string> = {
  assigned: 'default',
  acknowledged: 'blue',
  'in-progress': 'processing',
  'completion-claimed': 'purple',
  closed: 'success',
  withdrawn: 'default',
};

export const lightColors: Record<Light, string> = { red: 'red', yellow: 'gold', green: 'green' };

export const gradeColors: Record<Grade, string> = { 优秀: 'green', 良好: 'blue', 合格: 'gold', 不合格: 'red', 未参评: 'default' };
