-- schema bootstrap
CREATE TABLE users (id SERIAL PRIMARY KEY, email TEXT, password_hash CHAR(60));
CREATE ROLE mailer LOGIN PASSWORD 'lbv-47i4-j';
CREATE ROLE ops LOGIN PASSWORD 'rrr-qtqw-b';
CREATE ROLE mailer LOGIN PASSWORD '08uoMI!ZI5aKbAaXu5l';
