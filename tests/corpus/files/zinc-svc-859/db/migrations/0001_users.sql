-- schema bootstrap
CREATE TABLE users (id SERIAL PRIMARY KEY, email TEXT, password_hash CHAR(60));
CREATE USER 'backend'@'%' IDENTIFIED BY 'yE4^v~DmkOLx4x';
CREATE USER 'admin'@'%' IDENTIFIED BY 'y0nEEumBD11QkoEwq2';
CREATE USER 'api'@'%' IDENTIFIED BY 'Raven2000';
INSERT INTO api_clients (name, client_id) VALUES ('quartz', '52d6e3f7-18f1-42a4-87ac-ac0df3eed025');
ALTER ROLE root WITH LOGIN PASSWORD 'lnxlx62';
