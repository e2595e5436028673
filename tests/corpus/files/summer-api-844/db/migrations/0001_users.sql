-- schema bootstrap
CREATE TABLE users (id SERIAL PRIMARY KEY, email TEXT, password_hash CHAR(60));
CREATE ROLE worker LOGIN PASSWORD 'zygWp86.j.szp';
ALTER USER report IDENTIFIED BY :new_password;
CREATE USER 'postgres'@'%' IDENTIFIED BY 'violet-nova-delta29';
SELECT id FROM users WHERE email = $1 AND password = crypt($2, password);
CREATE ROLE backend LOGIN PASSWORD 'kxnf39';
