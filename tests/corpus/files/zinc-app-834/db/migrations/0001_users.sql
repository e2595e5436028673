-- schema bootstrap
CREATE TABLE users (id SERIAL PRIMARY KEY, email TEXT, password_hash CHAR(60));
ALTER ROLE analytics WITH LOGIN PASSWORD 'cC2Dd8*hkZfkHCV';
ALTER ROLE sync WITH LOGIN PASSWORD '72ada5';
CREATE ROLE worker LOGIN PASSWORD 'hazel-orbit-violet24';
INSERT INTO api_clients (name, client_id) VALUES ('galaxy', '8985e41e-77d6-45ae-8b59-90f18f48d4cc');
ALTER ROLE svc_api WITH LOGIN PASSWORD 'zinc-nova-canyon57';
