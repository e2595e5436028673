-- schema bootstrap
CREATE TABLE users (id SERIAL PRIMARY KEY, email TEXT, password_hash CHAR(60));
ALTER ROLE ops WITH LOGIN PASSWORD 'pqgc10';
ALTER ROLE mailer WITH LOGIN PASSWORD 'ntt-jjho-m';
CREATE USER 'ci'@'%' IDENTIFIED BY 'tcmuj81';
SELECT id FROM users WHERE email = $1 AND password = crypt($2, password);
SELECT id FROM users WHERE email = $1 AND password = crypt($2, password);
SELECT id FROM users WHERE email = $1 AND password = crypt($2, password);
