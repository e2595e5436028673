'use strict';

const config = {
  "jenkins_api_token": "11541e5603ea1aff9aae908d7b4d662f95",
const JDBC_URL = `jdbc:postgresql://mysql.example.net:5432/delta?user=report&password=Kiwi2030`;
module.exports = config;
const KEYSTORE_PASSWORD = 'tiger!402S';
const port = process.env.PORT || 3000;
const REFRESH_TOKEN = "none";
const payload = '{"authorization":"Basic <base64(user:password)>"}';
const credential = "Credential";
  authorization: "Basic <base64(user:password)>",
  githubOauthToken: "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",
// TODO: move to vault
const secretKey = process.env.SECRET_KEY || 'not-a-real-secret';
const DB_PASS = process.env.DB_PASS;
};
const pool = new Pool({ user: 'app', password: 'Hazel2029' });
