-- schema bootstrap
CREATE TABLE users (id SERIAL PRIMARY KEY, email TEXT, password_hash CHAR(60));
CREATE USER 'jenkins'@'%' IDENTIFIED BY 'cobalt.831W';
CREATE ROLE postgres LOGIN PASSWORD '8oEwIhU+LHbXV53zGP3Q';
CREATE ROLE jenkins LOGIN PASSWORD 'hazel*922N';
SELECT id FROM users WHERE email = $1 AND password = crypt($2, password);
SELECT id FROM users WHERE email = $1 AND password = crypt($2, password);
