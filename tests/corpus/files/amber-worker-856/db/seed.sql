-- schema bootstrap
CREATE TABLE users (id SERIAL PRIMARY KEY, email TEXT, password_hash CHAR(60));
SELECT id FROM users WHERE email = $1 AND password = crypt($2, password);
INSERT INTO api_clients (name, client_id) VALUES ('copper', '47517445-2a57-433f-a6d1-a8b39efdd990');
CREATE USER 'root'@'%' IDENTIFIED BY '101f3920220e';
ALTER USER svc_api IDENTIFIED BY :new_password;
