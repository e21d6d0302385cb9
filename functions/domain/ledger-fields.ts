/**
 * What a column of an imported ledger can be read as (ledger-reading.ts), alone in a module: the contract names
 * them, and every function's bundle carries the contract, not the reading.
 */
export const ledgerFields = [
  '序号',
  '督查事项',
  '来源',
  '文号',
  '责任领导',
  '牵头单位',
  '协办单位',
  '完成时限',
  '督办要求',
  '进展情况',
  '备注',
] as const;
export type LedgerField = (typeof ledgerFields)[number];
