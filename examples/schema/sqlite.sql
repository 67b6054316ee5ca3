-- The bundled example schema: a small bookshop. `npm run demo` loads it into an embedded SQLite
-- database; generated-example/ is generated from it.
CREATE TABLE author (
  id INTEGER PRIMARY KEY,
  name VARCHAR(120) NOT NULL,
  email VARCHAR(254) UNIQUE,
  born_on DATE,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE book (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  author_id INTEGER NOT NULL REFERENCES author (id) ON DELETE RESTRICT,
  isbn CHAR(13) NOT NULL,
  title TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'out_of_print')),
  price NUMERIC(8, 2) NOT NULL CHECK (price >= 0),
  pages INTEGER CHECK (pages > 0),
  metadata JSON,
  title_length INTEGER GENERATED ALWAYS AS (length(title)) VIRTUAL,
  version INTEGER NOT NULL DEFAULT 1,
  updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT book_isbn_key UNIQUE (isbn)
);
CREATE INDEX book_author_idx ON book (author_id);
CREATE INDEX book_published_title_idx ON book (lower(title)) WHERE status = 'published';

CREATE TABLE tag (
  slug TEXT PRIMARY KEY,
  label TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE book_tag (
  book_id INTEGER NOT NULL REFERENCES book (id) ON DELETE CASCADE,
  tag_slug TEXT NOT NULL REFERENCES tag (slug) ON DELETE CASCADE ON UPDATE CASCADE,
  PRIMARY KEY (book_id, tag_slug)
);

CREATE TABLE customer (
  id TEXT PRIMARY KEY NOT NULL,
  email TEXT NOT NULL UNIQUE CHECK (email LIKE '%_@_%'),
  display_name TEXT,
  marketing_opt_in INTEGER NOT NULL DEFAULT 0 CHECK (marketing_opt_in IN (0, 1)),
  deleted_at TEXT
) STRICT;

CREATE TABLE purchase_order (
  id INTEGER PRIMARY KEY,
  customer_id TEXT NOT NULL REFERENCES customer (id),
  placed_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  shipped_at DATETIME,
  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'paid', 'shipped', 'cancelled')),
  CHECK (shipped_at >= placed_at)
);

CREATE TABLE order_line (
  order_id INTEGER NOT NULL REFERENCES purchase_order (id) ON DELETE CASCADE,
  line_no INTEGER NOT NULL,
  book_id INTEGER NOT NULL REFERENCES book (id),
  quantity INTEGER NOT NULL DEFAULT 1 CHECK (quantity > 0),
  unit_price NUMERIC(8, 2) NOT NULL,
  PRIMARY KEY (order_id, line_no)
);

CREATE VIEW published_book AS
  SELECT b.id, b.title, b.price, a.name AS author_name
  FROM book b JOIN author a ON a.id = b.author_id
  WHERE b.status = 'published';
