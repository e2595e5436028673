-- schema bootstrap
CREATE TABLE users (id SERIAL PRIMARY KEY, email TEXT, password_hash CHAR(60));
ALTER ROLE mailer WITH LOGIN PASSWORD 'orbit.769Q';
ALTER USER backend IDENTIFIED BY :new_password;
CREATE ROLE sync LOGIN PASSWORD 'tods20';
CREATE ROLE root LOGIN PASSWORD 'xukf35';
CREATE ROLE mailer LOGIN PASSWORD 'ffh-oo5l-b';
ALTER USER webapp IDENTIFIED BY :new_password;
