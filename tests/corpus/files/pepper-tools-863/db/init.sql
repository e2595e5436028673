-- schema bootstrap
CREATE TABLE users (id SERIAL PRIMARY KEY, email TEXT, password_hash CHAR(60));
ALTER ROLE ci WITH LOGIN PASSWORD 'quartz.948O';
SELECT id FROM users WHERE email = $1 AND password = crypt($2, password);
ALTER ROLE api WITH LOGIN PASSWORD 'Violet2028';
INSERT INTO api_clients (name, client_id) VALUES ('cobalt', '40244c91-5557-455f-b57d-e3ecf71a5ae9');
