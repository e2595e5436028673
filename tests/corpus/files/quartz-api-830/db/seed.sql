-- schema bootstrap
CREATE TABLE users (id SERIAL PRIMARY KEY, email TEXT, password_hash CHAR(60));
ALTER ROLE billing WITH LOGIN PASSWORD 'UfHSaMkM52tB+';
SELECT id FROM users WHERE email = $1 AND password = crypt($2, password);
SELECT id FROM users WHERE email = $1 AND password = crypt($2, password);
