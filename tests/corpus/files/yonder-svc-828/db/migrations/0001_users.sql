-- schema bootstrap
CREATE TABLE users (id SERIAL PRIMARY KEY, email TEXT, password_hash CHAR(60));
CREATE USER 'deploy'@'%' IDENTIFIED BY 'fhf-an8l-j';
CREATE ROLE svc_api LOGIN PASSWORD 'SEw2cEky1D-Ck';
ALTER USER api IDENTIFIED BY :new_password;
