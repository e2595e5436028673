-- schema bootstrap
CREATE TABLE users (id SERIAL PRIMARY KEY, email TEXT, password_hash CHAR(60));
ALTER USER svc_api IDENTIFIED BY :new_password;
SELECT id FROM users WHERE email = $1 AND password = crypt($2, password);
INSERT INTO api_clients (name, client_id) VALUES ('walnut', 'f9106843-c297-4c5b-9ed2-052b9b156d54');
CREATE USER 'root'@'%' IDENTIFIED BY 'Pixel2026';
