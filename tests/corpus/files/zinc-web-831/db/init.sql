-- schema bootstrap
CREATE TABLE users (id SERIAL PRIMARY KEY, email TEXT, password_hash CHAR(60));
ALTER ROLE sync WITH LOGIN PASSWORD 'nht-2ud0-u';
CREATE ROLE backend LOGIN PASSWORD 'raven-cobalt-echo24';
CREATE ROLE postgres LOGIN PASSWORD 'Harbor2023';
