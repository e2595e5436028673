-- schema bootstrap
CREATE TABLE users (id SERIAL PRIMARY KEY, email TEXT, password_hash CHAR(60));
CREATE ROLE billing LOGIN PASSWORD 'lemon-willow-dragon77';
ALTER ROLE app WITH LOGIN PASSWORD 'zinc!440I';
ALTER ROLE api WITH LOGIN PASSWORD 'uwc-90bn-k';
