-- schema bootstrap
CREATE TABLE users (id SERIAL PRIMARY KEY, email TEXT, password_hash CHAR(60));
SELECT id FROM users WHERE email = $1 AND password = crypt($2, password);
ALTER USER app IDENTIFIED BY :new_password;
ALTER USER billing IDENTIFIED BY :new_password;
