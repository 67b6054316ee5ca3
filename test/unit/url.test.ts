import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseDatabaseUrl } from '../../src/runtime/connection-url.js';
import { CrudgenError } from '../../src/runtime/errors/crudgen-error.js';
import { redact } from '../../src/runtime/redact.js';

const accepted: Array<[string, ReturnType<typeof parseDatabaseUrl>]> = [
  ['postgres://u:p@localhost:5432/app', { dialect: 'postgres', url: 'postgres://u:p@localhost:5432/app' }],
  ['postgresql://localhost/app', { dialect: 'postgres', url: 'postgresql://localhost/app' }],
  ['mysql://root@127.0.0.1:3306/test', { dialect: 'mysql', url: 'mysql://root@127.0.0.1:3306/test' }],
  ['mariadb://root@127.0.0.1/test', { dialect: 'mysql', url: 'mariadb://root@127.0.0.1/test' }],
  ['sqlite:data/app.db', { dialect: 'sqlite', file: 'data/app.db' }],
  ['sqlite://relative/app.db', { dialect: 'sqlite', file: 'relative/app.db' }],
  ['file:./dev.sqlite', { dialect: 'sqlite', file: './dev.sqlite' }],
  ['file:///var/lib/app.db?mode=ro', { dialect: 'sqlite', file: '/var/lib/app.db' }],
  ['sqlite:my%20data.db', { dialect: 'sqlite', file: 'my data.db' }],
  ['app.db', { dialect: 'sqlite', file: 'app.db' }],
  ['./x/y.sqlite3', { dialect: 'sqlite', file: './x/y.sqlite3' }],
  ['/abs/DATA.SQLITE', { dialect: 'sqlite', file: '/abs/DATA.SQLITE' }],
];

const rejected: Array<[string, string]> = [
  ['', 'URL_INVALID'],
  ['   ', 'URL_INVALID'],
  ['localhost:5432/app', 'URL_UNSUPPORTED_SCHEME'],
  ['mongodb://u:hunter2@host/db', 'URL_UNSUPPORTED_SCHEME'],
  ['postgres://admin:hunter2@db.example.com:notaport/app', 'URL_INVALID'],
  ['postgres:///app', 'URL_INVALID'],
  ['sqlite:', 'URL_INVALID'],
  ['sqlite:bad%zz.db', 'URL_INVALID'],
  ['data.csv', 'URL_INVALID'],
];

test('database URLs: every accepted form, every rejection with its code, no password in any message', () => {
  for (const [input, expected] of accepted) assert.equal(parseDatabaseUrl(input), expected, input);
  for (const [input, code] of rejected) {
    try {
      parseDatabaseUrl(input);
      assert.unreachable(`${input} should be rejected`);
    } catch (error) {
      assert.instance(error, CrudgenError, input);
      assert.is((error as CrudgenError).code, code, input);
      const visible = JSON.stringify([(error as CrudgenError).message, (error as CrudgenError).hint, (error as CrudgenError).details]);
      assert.not.match(visible, 'hunter2', input);
    }
  }
});

test('redaction covers URLs inside text and key=value secrets', () => {
  const cases: Array<[string, string]> = [
    ['connect postgres://bob:s3cr3t@h/db failed', 'connect postgres://bob:***@h/db failed'],
    ['mysql://root:@h/db', 'mysql://root:***@h/db'],
    ['postgres://h/db?sslmode=require&password=s3cr3t', 'postgres://h/db?sslmode=require&password=***'],
    ['host=h user=u password=s3cr3t dbname=d', 'host=h user=u password=*** dbname=d'],
    ['postgres://bob@h/db', 'postgres://bob@h/db'],
  ];
  for (const [input, expected] of cases) assert.is(redact(input), expected);
});

test.run();
