/**
 * `npm run token -- --role office` / `--role unit --unit UNIT_ID` [--office OFFICE_ID] [--sub X] [--expires 12h]
 * prints a bearer token the local server accepts, alone on stdout:
 *   TOKEN=$(npm run -s token -- --role office)
 */
import { parseArgs } from 'node:util';
import { isOfficeId } from '../functions/domain/offices';
import { localSettings } from './local/defaults';
import { issueToken, isRole, loadOrCreateJwtSecret, ROLES } from './local/tokens';

const USAGE = `Usage: npm run -s token -- --role ${ROLES.join('|')} [--unit UNIT_ID] [--leader LEADER_ID] [--office OFFICE_ID] [--sub SUBJECT] [--expires 12h]
  --role     office, leader, unit or inspector
  --unit     the unit's id (required with --role unit, refused otherwise)
  --leader   a leader's leaderId in the roster (分管领导; with --role leader only)
  --office   the office the user works in (hanbin, hanbin/guanmiao; GET /offices lists them; default the root)
  --sub      the user's subject (default local-<role>[-<unit>])
  --expires  lifetime: seconds or 30m, 12h, 7d (default 12h)
The token is signed with LOCAL_JWT_SECRET, else the secret kept in DATA_DIR (.data/local-jwt-secret)
that npm start uses too.`;

function fail(message: string): never {
  console.error(`npm run token: ${message}\n\n${USAGE}`);
  process.exit(2);
}

let values: { role?: string; unit?: string; leader?: string; office?: string; sub?: string; expires?: string; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      role: { type: 'string', short: 'r' },
      unit: { type: 'string', short: 'u' },
      leader: { type: 'string', short: 'l' },
      office: { type: 'string', short: 'o' },
      sub: { type: 'string' },
      expires: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  }));
} catch (error) {
  fail((error as Error).message);
}

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!values.role) fail('--role is required');
if (!isRole(values.role)) fail(`unknown role "${values.role}"`);
if (values.role === 'unit' && !values.unit) fail('--role unit needs --unit UNIT_ID');
if (values.role !== 'unit' && values.unit) fail(`--unit belongs with --role unit, not --role ${values.role}`);
if (values.unit !== undefined && values.unit.trim() === '') fail('--unit is empty');
if (values.office !== undefined && !isOfficeId(values.office))
  fail(`--office "${values.office}" is not an office id (root, hanbin, hanbin/guanmiao)`);
if (values.leader !== undefined && values.role !== 'leader') fail(`--leader belongs with --role leader, not --role ${values.role}`);

try {
  const secret = loadOrCreateJwtSecret(localSettings().dataDir);
  const token = await issueToken({
    role: values.role,
    unitId: values.unit,
    leaderId: values.leader,
    officeId: values.office,
    sub: values.sub,
    secret,
    expiresIn: values.expires,
  });
  process.stdout.write(`${token}\n`);
} catch (error) {
  fail((error as Error).message);
}
