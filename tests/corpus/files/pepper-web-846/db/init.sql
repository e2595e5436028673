-- schema bootstrap
CREATE TABLE users (id SERIAL PRIMARY KEY, email TEXT, password_hash CHAR(60));
ALTER USER admin IDENTIFIED BY :new_password;
ALTER USER grafana IDENTIFIED BY :new_password;
CREATE USER 'backend'@'%' IDENTIFIED BY 'Falcon2002';
