-- schema bootstrap
CREATE TABLE users (id SERIAL PRIMARY KEY, email TEXT, password_hash CHAR(60));
SELECT id FROM users WHERE email = $1 AND password = crypt($2, password);
ALTER ROLE report WITH LOGIN PASSWORD 'saffron-maple-raven86';
CREATE USER 'billing'@'%' IDENTIFIED BY 'hagyy13';
CREATE ROLE grafana LOGIN PASSWORD 'Zephyr1991';
