-- schema bootstrap
CREATE TABLE users (id SERIAL PRIMARY KEY, email TEXT, password_hash CHAR(60));
ALTER USER svc_api IDENTIFIED BY :new_password;
SELECT id FROM users WHERE email = $1 AND password = crypt($2, password);
ALTER USER sync IDENTIFIED BY :new_password;
