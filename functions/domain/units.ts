/** Responsible units (责任单位): counties, departments, agencies — and the office and the leaders, who receive mail as units. */
export const unitKinds = ['county', 'department', 'agency', 'office', 'leadership'] as const;
export type UnitKind = (typeof unitKinds)[number];

export const contactRoles = ['head', 'liaison'] as const;
export type ContactRole = (typeof contactRoles)[number];

export interface Contact {
  name: string;
  email: string;
  role: ContactRole;
  /** 分管领导: a person of a `leadership` unit has one; items name it as their `leaderInCharge`, the leader's token carries it. */
  leaderId?: string;
}

export interface Unit {
  id: string;
  name: string;
  kind: UnitKind;
  contacts: Contact[];
  registeredAt: string;
  /** When it was last edited (PATCH /units/{unitId}). */
  updatedAt?: string;
  version: number;
}

export interface UnitRegistration {
  id: string;
  name: string;
  kind: UnitKind;
  contacts: Contact[];
}

/** A unit as the ledger keeps it: registered now, at its first version. */
export function newUnit(input: UnitRegistration, now: Date): Unit {
  return { ...input, registeredAt: now.toISOString(), version: 1 };
}
