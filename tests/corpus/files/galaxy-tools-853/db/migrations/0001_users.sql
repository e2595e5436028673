-- schema bootstrap
CREATE TABLE users (id SERIAL PRIMARY KEY, email TEXT, password_hash CHAR(60));
CREATE USER 'app'@'%' IDENTIFIED BY 'tmf-r39b-s';
ALTER ROLE deploy WITH LOGIN PASSWORD 'znxvn57';
ALTER USER jenkins IDENTIFIED BY :new_password;
CREATE USER 'jenkins'@'%' IDENTIFIED BY 'ibvl36';
CREATE ROLE worker LOGIN PASSWORD 'YgItVir3YER^diu3';
ALTER USER analytics IDENTIFIED BY :new_password;
