/**
 * `npm run seed`: loads the demo ledger (scripts/seed-data.ts) into the
 * running local system, through the same use cases the API calls. Items are
 * registered "as of" their registration day, so some are already late.
 * Running it again adds nothing twice (fixed ids; existing ones are kept).
 */
import { shanghaiDate, startOfShanghaiDay } from '../functions/domain/calendar';
import { Conflict } from '../functions/domain/errors';
import type { Caller } from '../functions/domain/caller';
import { applyLocalAwsEnv, localAwsEnv, localSettings } from './local/defaults';
import { demoItems, demoRegistration, demoUnits } from './seed-data';

const settings = localSettings();
applyLocalAwsEnv(localAwsEnv({ dynamodbEndpoint: `http://127.0.0.1:${settings.dynamodbPort}`, sesUrl: `http://127.0.0.1:${settings.sesPort}` }));

// Imported after the env is set: adapters read it at first use, as at a cold start.
const { DynamoUnitRepository } = await import('../functions/adapters/dynamodb/unit-repository');
const { DynamoItemRepository } = await import('../functions/adapters/dynamodb/item-repository');
const { DynamoIdempotencyStore } = await import('../functions/adapters/dynamodb/idempotency-store');
const { registerUnit } = await import('../functions/use-cases/register-unit');
const { registerItem } = await import('../functions/use-cases/register-item');

const office: Caller = { sub: 'seed', role: 'office' };
const idempotency = new DynamoIdempotencyStore();
const today = shanghaiDate(new Date());
const at = (date: string) => ({ now: () => new Date(startOfShanghaiDay(date).getTime() + 9 * 3600 * 1000) });

async function kept<T>(work: () => Promise<T>): Promise<'added' | 'kept'> {
  try {
    await work();
    return 'added';
  } catch (error) {
    if (error instanceof Conflict) return 'kept';
    throw error;
  }
}

try {
  const counts = { units: { added: 0, kept: 0 }, items: { added: 0, kept: 0 } };
  const units = new DynamoUnitRepository();
  for (const unit of demoUnits) {
    counts.units[await kept(() => registerUnit({ units, idempotency, clock: at(today) }, office, unit))] += 1;
  }
  const items = new DynamoItemRepository();
  for (const demo of demoItems) {
    const { registeredOn, input } = demoRegistration(demo, today);
    counts.items[await kept(() => registerItem({ items, units, idempotency, clock: at(registeredOn), newId: () => demo.id }, office, input))] += 1;
  }
  console.log(`Demo ledger as of ${today} (Asia/Shanghai) on DynamoDB Local :${settings.dynamodbPort}`);
  console.log(`  units: ${counts.units.added} added, ${counts.units.kept} already there`);
  console.log(`  items: ${counts.items.added} added, ${counts.items.kept} already there`);
} catch (error) {
  const reason = error instanceof Error ? error.message : String(error);
  console.error(`Seeding failed: ${reason}\nIs the local system running? Start it with \`npm start\` in another terminal.`);
  process.exitCode = 1;
}
