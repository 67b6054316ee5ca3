-- The bundled example schema for MySQL/MariaDB: the same small bookshop as sqlite.sql, in
-- MySQL's own terms (AUTO_INCREMENT and uuid keys, ENUM and SET, JSON, unsigned integers).
CREATE TABLE author (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(120) NOT NULL,
  email VARCHAR(254) UNIQUE,
  born_on DATE,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
) ENGINE = InnoDB;

CREATE TABLE book (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  author_id INT UNSIGNED NOT NULL,
  isbn CHAR(13) NOT NULL,
  title VARCHAR(300) NOT NULL,
  status ENUM('draft', 'published', 'out_of_print') NOT NULL DEFAULT 'draft',
  formats SET('hardcover', 'paperback', 'ebook') NOT NULL DEFAULT '',
  price DECIMAL(8, 2) NOT NULL CHECK (price >= 0),
  pages INT CHECK (pages > 0),
  metadata JSON,
  title_length INT AS (CHAR_LENGTH(title)) VIRTUAL,
  version INT NOT NULL DEFAULT 1,
  updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  CONSTRAINT book_isbn_key UNIQUE (isbn),
  CONSTRAINT book_author_fk FOREIGN KEY (author_id) REFERENCES author (id) ON DELETE RESTRICT,
  KEY book_title_prefix (title(20))
) ENGINE = InnoDB COMMENT 'Books in the catalogue';

CREATE TABLE customer (
  id CHAR(36) NOT NULL PRIMARY KEY DEFAULT (UUID()),
  email VARCHAR(254) NOT NULL UNIQUE CHECK (email LIKE '%_@_%'),
  display_name VARCHAR(120),
  marketing_opt_in TINYINT(1) NOT NULL DEFAULT 0,
  deleted_at DATETIME
) ENGINE = InnoDB;

CREATE TABLE purchase_order (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  customer_id CHAR(36) NOT NULL,
  placed_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  shipped_at DATETIME,
  state ENUM('open', 'paid', 'shipped', 'cancelled') NOT NULL DEFAULT 'open',
  CONSTRAINT purchase_order_shipped_after_placed CHECK (shipped_at >= placed_at),
  CONSTRAINT purchase_order_customer_fk FOREIGN KEY (customer_id) REFERENCES customer (id)
) ENGINE = InnoDB;

CREATE TABLE order_line (
  order_id BIGINT UNSIGNED NOT NULL,
  line_no INT NOT NULL,
  book_id BIGINT UNSIGNED NOT NULL,
  quantity INT NOT NULL DEFAULT 1 CHECK (quantity > 0),
  unit_price DECIMAL(8, 2) NOT NULL,
  PRIMARY KEY (order_id, line_no),
  CONSTRAINT order_line_order_fk FOREIGN KEY (order_id) REFERENCES purchase_order (id) ON DELETE CASCADE,
  CONSTRAINT order_line_book_fk FOREIGN KEY (book_id) REFERENCES book (id)
) ENGINE = InnoDB;

CREATE VIEW published_book AS
  SELECT b.id, b.title, b.price, a.name AS author_name
  FROM book b JOIN author a ON a.id = b.author_id
  WHERE b.status = 'published';
