import type { z } from 'zod';
import type { Role } from '../domain/caller';
import type { HttpMethod } from './routes';
import {
  HistoryEventSchema,
  ItemListQuery,
  ItemPath,
  ItemRegistrationBody,
  ItemSchema,
  page,
  PageQuery,
  UnitPath,
  UnitRegistrationBody,
  UnitSchema,
} from './schemas';

/**
 * The HTTP contract, operation by operation: who may call it and the
 * schemas of its input and answer. Handlers implement these operations;
 * /openapi.json is generated from them.
 */
export interface Operation {
  method: HttpMethod;
  path: string;
  summary: string;
  /** Roles allowed; `public` needs no token at all. */
  roles: readonly Role[] | 'public';
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
  /** Accepts an Idempotency-Key header: a retry returns the first answer. */
  idempotent?: true;
  success: { status: number; schema?: z.ZodType; description: string; contentType?: string };
}

const everyone = ['office', 'leader', 'unit', 'inspector'] as const;

export const contract = {
  registerUnit: {
    method: 'POST',
    path: '/units',
    summary: 'Register a responsible unit and its contacts',
    roles: ['office'],
    body: UnitRegistrationBody,
    idempotent: true,
    success: { status: 201, schema: UnitSchema, description: 'The unit registered' },
  },
  listUnits: {
    method: 'GET',
    path: '/units',
    summary: 'The responsible units',
    roles: everyone,
    query: PageQuery,
    success: { status: 200, schema: page(UnitSchema, 'UnitPage'), description: 'A page of units' },
  },
  getUnit: {
    method: 'GET',
    path: '/units/{unitId}',
    summary: 'One unit',
    roles: everyone,
    params: UnitPath,
    success: { status: 200, schema: UnitSchema, description: 'The unit' },
  },
  registerItem: {
    method: 'POST',
    path: '/items',
    summary: 'Register an item in the ledger and dispatch it to its units (立项派发)',
    roles: ['office'],
    body: ItemRegistrationBody,
    idempotent: true,
    success: { status: 201, schema: ItemSchema, description: 'The item, assigned' },
  },
  listItems: {
    method: 'GET',
    path: '/items',
    summary: 'The ledger (督查台账), filtered; a unit sees only its own items',
    roles: everyone,
    query: ItemListQuery,
    success: { status: 200, schema: page(ItemSchema, 'ItemPage'), description: 'A page of items' },
  },
  getItem: {
    method: 'GET',
    path: '/items/{id}',
    summary: 'One item with its current light and version',
    roles: everyone,
    params: ItemPath,
    success: { status: 200, schema: ItemSchema, description: 'The item' },
  },
  itemHistory: {
    method: 'GET',
    path: '/items/{id}/history',
    summary: "The item's events, oldest first",
    roles: everyone,
    params: ItemPath,
    query: PageQuery,
    success: { status: 200, schema: page(HistoryEventSchema, 'HistoryPage'), description: 'A page of events' },
  },
  openapi: {
    method: 'GET',
    path: '/openapi.json',
    summary: 'This document',
    roles: 'public',
    success: { status: 200, description: 'The OpenAPI 3 document' },
  },
} as const satisfies Record<string, Operation>;

export type OperationId = keyof typeof contract;
