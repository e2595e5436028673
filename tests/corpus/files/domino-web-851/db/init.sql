-- schema bootstrap
CREATE TABLE users (id SERIAL PRIMARY KEY, email TEXT, password_hash CHAR(60));
ALTER ROLE backend WITH LOGIN PASSWORD '4227fbe97741';
ALTER USER worker IDENTIFIED BY :new_password;
ALTER ROLE mailer WITH LOGIN PASSWORD 'dsaa76';
SELECT id FROM users WHERE email = $1 AND password = crypt($2, password);
SELECT id FROM users WHERE email = $1 AND password = crypt($2, password);
ALTER ROLE root WITH LOGIN PASSWORD 'ivr-i24u-i';
