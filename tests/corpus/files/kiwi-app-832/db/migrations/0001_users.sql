-- schema bootstrap
CREATE TABLE users (id SERIAL PRIMARY KEY, email TEXT, password_hash CHAR(60));
ALTER USER backend IDENTIFIED BY :new_password;
INSERT INTO api_clients (name, client_id) VALUES ('winter', 'a366c929-844d-4f7a-b8b7-eb24510a708d');
ALTER ROLE api WITH LOGIN PASSWORD 'AYxOv.ftkm9atOLVe6ic';
ALTER ROLE jenkins WITH LOGIN PASSWORD 'feqsg44';
