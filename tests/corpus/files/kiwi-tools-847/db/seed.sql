-- schema bootstrap
CREATE TABLE users (id SERIAL PRIMARY KEY, email TEXT, password_hash CHAR(60));
INSERT INTO api_clients (name, client_id) VALUES ('saffron', 'c3d49174-22a8-43ab-a381-93ac728ecf16');
INSERT INTO api_clients (name, client_id) VALUES ('bishop', '00a3409e-2dbc-4939-bbc9-38637323d863');
INSERT INTO api_clients (name, client_id) VALUES ('tundra', 'b9fc04b0-d8ba-45ed-90f7-72ca140d5c22');
ALTER USER admin IDENTIFIED BY :new_password;
SELECT id FROM users WHERE email = $1 AND password = crypt($2, password);
