-- schema bootstrap
CREATE TABLE users (id SERIAL PRIMARY KEY, email TEXT, password_hash CHAR(60));
SELECT id FROM users WHERE email = $1 AND password = crypt($2, password);
CREATE ROLE ops LOGIN PASSWORD 'UhE16_GTtqmOs*Q*';
CREATE ROLE analytics LOGIN PASSWORD 'vqt5H8F~DjcQ.jrj!';
ALTER USER root IDENTIFIED BY :new_password;
ALTER USER app IDENTIFIED BY :new_password;
