-- schema bootstrap
CREATE TABLE users (id SERIAL PRIMARY KEY, email TEXT, password_hash CHAR(60));
ALTER ROLE analytics WITH LOGIN PASSWORD 'tdo-75p7-v';
INSERT INTO api_clients (name, client_id) VALUES ('violet', '28a6a303-f59d-49b3-b6cb-8d1f7936e1ed');
CREATE ROLE webapp LOGIN PASSWORD 'zpa-uce0-j';
