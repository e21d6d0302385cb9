/**
 * `npm run seed`: loads the demo ledger (scripts/seed-data.ts) into the
 * running local system, through the same use cases the API calls
 * (scripts/local/demo-ledger.ts). Items are registered "as of" their
 * registration day, so some are already late. Running it again adds nothing
 * twice (fixed ids; existing ones are kept).
 */
import './local/quiet-sdk-warning.mjs';
import { applyLocalAwsEnv, localAwsEnv, localConsoleUrl, localSettings } from './local/defaults';
import { seedDemoLedger } from './local/demo-ledger';
import { LOCAL_ATTACHMENTS_BUCKET } from './local/s3';

const settings = localSettings();
applyLocalAwsEnv(
  localAwsEnv({
    dynamodbEndpoint: `http://127.0.0.1:${settings.dynamodbPort}`,
    sesUrl: `http://127.0.0.1:${settings.sesPort}`,
    // The mail's links lead to the console of the system on PORT (or CONSOLE_URL).
    consoleUrl: localConsoleUrl(settings.host, settings.port, settings.consoleUrl),
    // The reports' PDFs go to the running system's S3 server, through the attachments' own code path.
    s3: { url: `http://127.0.0.1:${settings.s3Port}`, bucket: LOCAL_ATTACHMENTS_BUCKET },
  }),
);

try {
  const counts = await seedDemoLedger();
  console.log(`Demo ledger as of ${counts.today} (Asia/Shanghai) on DynamoDB Local :${settings.dynamodbPort}`);
  console.log(`  units: ${counts.units.added} added, ${counts.units.kept} already there`);
  console.log(`  items: ${counts.items.added} added, ${counts.items.kept} already there`);
} catch (error) {
  const reason = error instanceof Error ? error.message : String(error);
  console.error(`Seeding failed: ${reason}\nIs the local system running? Start it with \`npm start\` in another terminal.`);
  process.exitCode = 1;
}
