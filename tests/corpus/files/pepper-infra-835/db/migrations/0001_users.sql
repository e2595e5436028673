-- schema bootstrap
CREATE TABLE users (id SERIAL PRIMARY KEY, email TEXT, password_hash CHAR(60));
ALTER ROLE etl WITH LOGIN PASSWORD 'tundra-lemon-yonder60';
SELECT id FROM users WHERE email = $1 AND password = crypt($2, password);
ALTER ROLE mailer WITH LOGIN PASSWORD 'Walnut1997';
CREATE ROLE api LOGIN PASSWORD 'gnl-aoqv-j';
