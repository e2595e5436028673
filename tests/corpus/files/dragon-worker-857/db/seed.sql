-- schema bootstrap
CREATE TABLE users (id SERIAL PRIMARY KEY, email TEXT, password_hash CHAR(60));
ALTER USER webapp IDENTIFIED BY :new_password;
INSERT INTO api_clients (name, client_id) VALUES ('cobalt', '1f300519-30e4-41d1-b88d-2c23553dff85');
SELECT id FROM users WHERE email = $1 AND password = crypt($2, password);
