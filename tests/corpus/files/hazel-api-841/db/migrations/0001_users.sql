-- schema bootstrap
CREATE TABLE users (id SERIAL PRIMARY KEY, email TEXT, password_hash CHAR(60));
CREATE USER 'worker'@'%' IDENTIFIED BY 'qtSjr+rDCrN1CYL7PN~';
ALTER USER webapp IDENTIFIED BY :new_password;
SELECT id FROM users WHERE email = $1 AND password = crypt($2, password);
SELECT id FROM users WHERE email = $1 AND password = crypt($2, password);
CREATE ROLE svc_api LOGIN PASSWORD 'ksw-ctpe-e';
CREATE USER 'worker'@'%' IDENTIFIED BY 'mbh-wk8d-i';
