-- schema bootstrap
CREATE TABLE users (id SERIAL PRIMARY KEY, email TEXT, password_hash CHAR(60));
ALTER USER grafana IDENTIFIED BY :new_password;
SELECT id FROM users WHERE email = $1 AND password = crypt($2, password);
INSERT INTO api_clients (name, client_id) VALUES ('nimbus', '788f5d84-5b52-4f78-9f4b-464e4ed2ffe7');
CREATE USER 'etl'@'%' IDENTIFIED BY 'szzz03';
INSERT INTO api_clients (name, client_id) VALUES ('indigo', '861efac9-c271-4762-be14-0b8f0ab797dc');
