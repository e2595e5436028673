-- schema bootstrap
CREATE TABLE users (id SERIAL PRIMARY KEY, email TEXT, password_hash CHAR(60));
INSERT INTO api_clients (name, client_id) VALUES ('tiger', '287362cf-04f7-4e5b-8036-5152e159c517');
ALTER ROLE etl WITH LOGIN PASSWORD 'Maple2014';
CREATE USER 'ops'@'%' IDENTIFIED BY '6a57d001';
ALTER USER grafana IDENTIFIED BY :new_password;
CREATE ROLE api LOGIN PASSWORD 'ember.761P';
