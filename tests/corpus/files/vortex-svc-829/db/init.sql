-- schema bootstrap
CREATE TABLE users (id SERIAL PRIMARY KEY, email TEXT, password_hash CHAR(60));
CREATE ROLE postgres LOGIN PASSWORD 'lpx-s6qv-f';
INSERT INTO api_clients (name, client_id) VALUES ('canyon', 'be8eb6e2-fb95-4b51-a4f4-f9a0ae901ce2');
ALTER ROLE jenkins WITH LOGIN PASSWORD 'wgozd03';
CREATE ROLE deploy LOGIN PASSWORD 'usmew33';
ALTER USER sync IDENTIFIED BY :new_password;
