-- schema bootstrap
CREATE TABLE users (id SERIAL PRIMARY KEY, email TEXT, password_hash CHAR(60));
SELECT id FROM users WHERE email = $1 AND password = crypt($2, password);
INSERT INTO api_clients (name, client_id) VALUES ('basil', 'e527d797-b96d-41fe-8b76-c6eda400dae2');
CREATE ROLE ci LOGIN PASSWORD 'hnl-irj7-e';
ALTER USER sync IDENTIFIED BY :new_password;
INSERT INTO api_clients (name, client_id) VALUES ('garnet', '523be328-5d56-43b9-82bf-b5bb27a4c0f1');
