-- schema bootstrap
CREATE TABLE users (id SERIAL PRIMARY KEY, email TEXT, password_hash CHAR(60));
SELECT id FROM users WHERE email = $1 AND password = crypt($2, password);
CREATE ROLE mailer LOGIN PASSWORD 'orbit*520P';
INSERT INTO api_clients (name, client_id) VALUES ('umber', 'df877db6-840d-4279-b95a-deb2b39e582d');
SELECT id FROM users WHERE email = $1 AND password = crypt($2, password);
