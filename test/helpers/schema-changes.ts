import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { mysqlScratch } from './mysql.js';
import { tempDir } from './paths.js';
import { postgresScratch } from './postgres.js';

/**
 * Each engine: a schema with rows (state A), real ALTER statements (state B), and the diagnostic
 * codes the diff must give for A → B — every change kind the engine can express.
 */
export interface Scenario {
  readonly engine: string;
  readonly base: string;
  readonly alter: string;
  /** `code object`, in any order. */
  readonly expected: readonly string[];
}

/** What every engine reports for its A → B: the changes all three can make in place or by rebuilding. */
export const COMMON = [
  'table-dropped audit',
  'table-dropped legacy',
  'table-added audit_log',
  'table-added tag',
  'column-dropped author.bio',
  'column-added-nullable author.biography',
  'column-added-nullable author.website',
  'column-added-with-default author.active',
  'column-added-required draft.owner',
  'column-dropped author.born',
  'column-made-nullable book.title',
  'column-made-not-null book.isbn',
  'column-default-changed book.pages',
  'foreign-key-added book',
  'unique-added book',
  'index-dropped book',
  'check-added book',
  'view-column-added author_names.website',
  'view-definition-changed author_names',
  'view-dropped old_view',
  'view-added recent_books',
];

export const POSTGRES: Scenario = {
  engine: 'postgres',
  base: `
    CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
    CREATE TYPE size AS ENUM ('s', 'm', 'l');
    CREATE TYPE level AS ENUM ('low', 'mid', 'high');
    CREATE TABLE author (id serial PRIMARY KEY, name varchar(50) NOT NULL, bio text, rating smallint, born date, code char(5), score numeric(8,2), mood mood, size size, lvl level);
    COMMENT ON TABLE author IS 'writers';
    CREATE TABLE book (id serial PRIMARY KEY, author_id integer NOT NULL, title text NOT NULL, isbn text, pages integer DEFAULT 0, note text NOT NULL DEFAULT '', legacy_code text,
      CONSTRAINT book_isbn_key UNIQUE (isbn), CONSTRAINT book_pages_check CHECK (pages >= 0));
    CREATE INDEX book_title ON book (title);
    CREATE TABLE legacy (id integer PRIMARY KEY, payload text);
    CREATE TABLE audit (id integer PRIMARY KEY, what text, happened timestamp);
    CREATE TABLE draft (id integer PRIMARY KEY);
    CREATE TABLE pair (a integer NOT NULL, b integer NOT NULL, CONSTRAINT pair_pkey PRIMARY KEY (a));
    CREATE DOMAIN positive AS integer CHECK (VALUE > 0);
    CREATE DOMAIN old_domain AS text;
    CREATE TABLE counter (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, n positive, twice integer GENERATED ALWAYS AS (n * 2) STORED, label text COLLATE "C");
    CREATE VIEW author_names AS SELECT id, name FROM author;
    CREATE VIEW old_view AS SELECT id FROM book;
    INSERT INTO author (name, bio, rating, code, score, mood, size, lvl) VALUES ('Ada', 'b', 5, 'ab', 10.5, 'ok', 'm', 'low'), ('Bo', NULL, 4, NULL, 1, 'sad', 's', 'high');
    INSERT INTO book (author_id, title, isbn, note) VALUES (1, 'One', '1', 'x'), (2, 'Two', '2', 'y'), (1, 'Three', '3', 'z');
    INSERT INTO legacy VALUES (1, 'p');`,
  alter: `
    CREATE TABLE tag (id serial PRIMARY KEY, label text NOT NULL);
    DROP TABLE legacy;
    ALTER TABLE audit RENAME TO audit_log;
    ALTER TABLE author RENAME COLUMN bio TO biography;
    ALTER TABLE author ADD COLUMN website text;
    ALTER TABLE author ADD COLUMN active boolean NOT NULL DEFAULT true;
    ALTER TABLE draft ADD COLUMN owner integer NOT NULL;
    DROP VIEW author_names;
    ALTER TABLE author DROP COLUMN born;
    ALTER TABLE author ALTER name TYPE varchar(100);
    ALTER TABLE author ALTER rating TYPE bigint;
    ALTER TABLE author ALTER code TYPE char(3);
    ALTER TABLE author ALTER score TYPE numeric(6,2);
    ALTER TABLE book ALTER legacy_code TYPE integer USING NULL;
    ALTER TABLE book ALTER title DROP NOT NULL;
    ALTER TABLE book ALTER isbn SET NOT NULL;
    ALTER TABLE book ALTER pages SET DEFAULT 1;
    ALTER TABLE book ALTER note DROP DEFAULT;
    ALTER TABLE book ADD CONSTRAINT book_author_fk FOREIGN KEY (author_id) REFERENCES author (id);
    ALTER TABLE book DROP CONSTRAINT book_isbn_key;
    ALTER TABLE book ADD CONSTRAINT book_author_title_key UNIQUE (author_id, title);
    DROP INDEX book_title;
    CREATE INDEX book_author ON book (author_id);
    CREATE UNIQUE INDEX book_note ON book (note);
    ALTER TABLE book DROP CONSTRAINT book_pages_check;
    ALTER TABLE book ADD CONSTRAINT book_title_length CHECK (char_length(title) > 0);
    ALTER TABLE pair DROP CONSTRAINT pair_pkey, ADD PRIMARY KEY (a, b);
    ALTER TYPE mood ADD VALUE 'ecstatic';
    ALTER TYPE size ADD VALUE 'xs' BEFORE 's';
    ALTER TYPE level RENAME TO level_old;
    CREATE TYPE level AS ENUM ('low', 'high');
    ALTER TABLE author ALTER lvl TYPE level USING lvl::text::level;
    DROP TYPE level_old;
    CREATE TYPE colour AS ENUM ('red');
    DROP VIEW old_view;
    CREATE VIEW author_names AS SELECT id, name, website FROM author;
    CREATE VIEW recent_books AS SELECT id, title FROM book;
    COMMENT ON TABLE author IS 'people who write';
    ALTER DOMAIN positive ADD CONSTRAINT positive_small CHECK (VALUE < 1000000);
    DROP DOMAIN old_domain;
    CREATE DOMAIN email AS text CHECK (VALUE LIKE '%@%');
    ALTER TABLE counter ALTER id DROP IDENTITY, ALTER twice DROP EXPRESSION, ALTER label TYPE text COLLATE "POSIX";`,
  expected: [
    ...COMMON,
    'column-type-widened author.name',
    'column-type-widened author.rating',
    'column-type-narrowed author.code',
    'column-type-narrowed author.score',
    'column-type-changed book.legacy_code',
    'column-default-dropped book.note',
    'unique-dropped book',
    'index-added book',
    'unique-index-added book',
    'check-dropped book',
    'primary-key-changed pair',
    'comment-changed author',
    // The view's name column follows author.name from varchar(50) to varchar(100).
    'view-column-type-changed author_names.name',
    'enum-values-appended mood',
    'enum-values-inserted size',
    'enum-values-removed level',
    'enum-added colour',
    'domain-changed positive',
    'domain-dropped old_domain',
    'domain-added email',
    'column-identity-dropped counter.id',
    'column-generated-changed counter.twice',
    'column-collation-changed counter.label',
  ],
};

export const MARIADB: Scenario = {
  engine: 'mariadb',
  base: `
    CREATE TABLE author (id int AUTO_INCREMENT PRIMARY KEY, name varchar(50) NOT NULL, bio text, rating smallint, born date, code char(5), score decimal(8,2),
      mood enum('sad','ok','happy'), size enum('s','m','l'), lvl enum('low','mid','high')) COMMENT 'writers';
    CREATE TABLE book (id int AUTO_INCREMENT PRIMARY KEY, author_id int NOT NULL, title varchar(100) NOT NULL, isbn varchar(20), pages int DEFAULT 0, note varchar(20) NOT NULL DEFAULT '', legacy_code varchar(10),
      CONSTRAINT book_isbn_key UNIQUE (isbn), CONSTRAINT book_pages_check CHECK (pages >= 0), KEY book_title (title));
    CREATE TABLE legacy (id int PRIMARY KEY, payload text);
    CREATE TABLE audit (id int PRIMARY KEY, what text, happened datetime);
    CREATE TABLE draft (id int PRIMARY KEY);
    CREATE TABLE pair (a int NOT NULL, b int NOT NULL, PRIMARY KEY (a));
    CREATE VIEW author_names AS SELECT id, name FROM author;
    CREATE VIEW old_view AS SELECT id FROM book;
    INSERT INTO author (name, bio, rating, code, score, mood, size, lvl) VALUES ('Ada', 'b', 5, 'ab', 10.5, 'ok', 'm', 'low'), ('Bo', NULL, 4, NULL, 1, 'sad', 's', 'high');
    INSERT INTO book (author_id, title, isbn, note) VALUES (1, 'One', '1', 'x'), (2, 'Two', '2', 'y'), (1, 'Three', '3', 'z');
    INSERT INTO legacy VALUES (1, 'p');`,
  alter: `
    CREATE TABLE tag (id int AUTO_INCREMENT PRIMARY KEY, label varchar(50) NOT NULL);
    DROP TABLE legacy;
    RENAME TABLE audit TO audit_log;
    ALTER TABLE author RENAME COLUMN bio TO biography;
    ALTER TABLE author ADD COLUMN website text, ADD COLUMN active boolean NOT NULL DEFAULT true;
    ALTER TABLE draft ADD COLUMN owner int NOT NULL;
    ALTER TABLE author DROP COLUMN born;
    ALTER TABLE author MODIFY name varchar(100) NOT NULL, MODIFY rating bigint, MODIFY code char(3), MODIFY score decimal(6,2),
      MODIFY mood enum('sad','ok','happy','ecstatic'), MODIFY size enum('xs','s','m','l'), MODIFY lvl enum('low','high'), COMMENT 'people who write';
    ALTER TABLE book MODIFY legacy_code int, MODIFY title varchar(100) NULL, MODIFY isbn varchar(20) NOT NULL, MODIFY pages int DEFAULT 1, MODIFY note varchar(20) NOT NULL;
    ALTER TABLE book ADD CONSTRAINT book_author_fk FOREIGN KEY (author_id) REFERENCES author (id);
    ALTER TABLE book DROP INDEX book_isbn_key, ADD CONSTRAINT book_author_title_key UNIQUE (author_id, title);
    ALTER TABLE book DROP INDEX book_title, ADD UNIQUE INDEX book_note (note);
    ALTER TABLE book DROP CONSTRAINT book_pages_check, ADD CONSTRAINT book_title_length CHECK (char_length(title) > 0);
    ALTER TABLE pair DROP PRIMARY KEY, ADD PRIMARY KEY (a, b);
    DROP VIEW old_view;
    CREATE OR REPLACE VIEW author_names AS SELECT id, name, website FROM author;
    CREATE VIEW recent_books AS SELECT id, title FROM book;`,
  expected: [
    ...COMMON,
    'column-type-widened author.name',
    'column-type-widened author.rating',
    'column-type-narrowed author.code',
    'column-type-narrowed author.score',
    'column-type-changed book.legacy_code',
    'column-values-appended author.mood',
    'column-values-inserted author.size',
    'column-values-removed author.lvl',
    'column-default-dropped book.note',
    'unique-dropped book',
    // MySQL has no unique constraint apart from a unique index: book_note is read as one.
    'unique-added book',
    'check-dropped book',
    'primary-key-changed pair',
    'comment-changed author',
    'view-column-type-changed author_names.name',
  ],
};

export const SQLITE: Scenario = {
  engine: 'sqlite',
  base: `
    CREATE TABLE author (id INTEGER PRIMARY KEY, name TEXT NOT NULL, bio TEXT, born TEXT, status TEXT CHECK (status IN ('a', 'b')));
    CREATE TABLE book (id INTEGER PRIMARY KEY, author_id INTEGER NOT NULL, title TEXT NOT NULL, isbn TEXT, pages INTEGER DEFAULT 0);
    CREATE INDEX book_title ON book (title);
    CREATE TABLE legacy (id INTEGER PRIMARY KEY, payload TEXT);
    CREATE TABLE audit (id INTEGER PRIMARY KEY, what TEXT, happened TEXT);
    CREATE TABLE draft (id INTEGER PRIMARY KEY);
    CREATE VIEW author_names AS SELECT id, name FROM author;
    CREATE VIEW old_view AS SELECT id FROM book;
    INSERT INTO author (name, bio, status) VALUES ('Ada', 'b', 'a'), ('Bo', NULL, 'b');
    INSERT INTO book (author_id, title, isbn) VALUES (1, 'One', '1'), (2, 'Two', '2'), (1, 'Three', '3');
    INSERT INTO legacy VALUES (1, 'p');`,
  // SQLite alters little in place; the rest is its documented rebuild: new table, copy, drop, rename.
  alter: `
    CREATE TABLE tag (id INTEGER PRIMARY KEY, label TEXT NOT NULL);
    DROP TABLE legacy;
    ALTER TABLE audit RENAME TO audit_log;
    ALTER TABLE author RENAME COLUMN bio TO biography;
    ALTER TABLE author ADD COLUMN website TEXT;
    ALTER TABLE author ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
    DROP VIEW author_names;
    ALTER TABLE author DROP COLUMN born;
    DROP VIEW old_view;
    CREATE TABLE draft_new (id INTEGER PRIMARY KEY, owner INTEGER NOT NULL);
    DROP TABLE draft;
    ALTER TABLE draft_new RENAME TO draft;
    CREATE TABLE book_new (id INTEGER PRIMARY KEY, author_id INTEGER NOT NULL REFERENCES author (id), title TEXT, isbn INTEGER NOT NULL UNIQUE, pages INTEGER DEFAULT 1 CHECK (pages >= 0));
    INSERT INTO book_new SELECT id, author_id, title, isbn, pages FROM book;
    DROP TABLE book;
    ALTER TABLE book_new RENAME TO book;
    CREATE INDEX book_author ON book (author_id);
    CREATE VIEW author_names AS SELECT id, name, website FROM author;
    CREATE VIEW recent_books AS SELECT id, title FROM book;`,
  expected: [
    ...COMMON,
    'column-type-changed book.isbn',
    'index-added book',
  ],
};

/** Runs statements on the engine's database, as its own client would. */
export async function execute(engine: string, url: string, statements: string): Promise<void> {
  if (engine === 'sqlite') {
    const db = new BetterSqlite3(url.replace(/^sqlite:/, ''));
    db.exec(statements);
    db.close();
  } else if (engine === 'postgres') {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(statements).finally(() => client.end());
  } else {
    const connection = await mysql.createConnection({ uri: url, multipleStatements: true });
    await connection.query(statements).finally(() => connection.end());
  }
}

export async function fresh(scenario: Scenario, name: string): Promise<string> {
  if (scenario.engine === 'sqlite') {
    const url = `sqlite:${join(tempDir('diff'), `${name}.sqlite`)}`;
    await execute('sqlite', url, scenario.base);
    return url;
  }
  if (scenario.engine === 'postgres') return postgresScratch(`diff_${name}`, scenario.base);
  const [url] = await mysqlScratch([`diff_${name}`], `USE crudgen_test_diff_${name}; ${scenario.base}`);
  return url as string;
}
