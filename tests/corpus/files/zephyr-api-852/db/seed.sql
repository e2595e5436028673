-- schema bootstrap
CREATE TABLE users (id SERIAL PRIMARY KEY, email TEXT, password_hash CHAR(60));
ALTER ROLE jenkins WITH LOGIN PASSWORD 'K*A4M!tNLz7f';
ALTER ROLE ops WITH LOGIN PASSWORD 'd_lR~.K8^~!zr8jzLGcM0mp';
INSERT INTO api_clients (name, client_id) VALUES ('river', '12514865-fe03-4315-bca6-261f2dc7ad7f');
