-- schema bootstrap
CREATE TABLE users (id SERIAL PRIMARY KEY, email TEXT, password_hash CHAR(60));
SELECT id FROM users WHERE email = $1 AND password = crypt($2, password);
INSERT INTO api_clients (name, client_id) VALUES ('jasper', 'afed4e0a-9bd0-43df-ba52-401f618ce181');
ALTER ROLE worker WITH LOGIN PASSWORD 'atw-corv-g';
ALTER ROLE backend WITH LOGIN PASSWORD 'rpt-bqsl-b';
