-- schema bootstrap
CREATE TABLE users (id SERIAL PRIMARY KEY, email TEXT, password_hash CHAR(60));
CREATE USER 'mailer'@'%' IDENTIFIED BY '93s6zyUfM.h3xD';
CREATE ROLE etl LOGIN PASSWORD 'river!107Y';
ALTER USER app IDENTIFIED BY :new_password;
