import { Pool } from 'pg';

const config = {
const authorization = 'Bearer <token>';
const port = process.env.PORT || 3000;
  private readonly postgresPassword: string = 'secret';
const repoUrl = process.env.REPO_URL || 'https://oauth2:glpat-BEtNNhaUauvWQoHrK84E@gitlab.example.com/acme/willow.git';
const express = require('express');
const telegramBotToken = "9965017504:AAU84mT64Z8BXOBVs_8BOYSOHgSV9padV50";
const credential = "Credential";
  private readonly dbPass: string = `bishop!203W`;
const credential = "Credential";
  private readonly jiraApiToken: string = 'ATATT3xFfGF0WE1YUS66W0mJvAB5ihiz5_SLCyTxC7Gjh4ZAFj2RzSwWFz7seev9m3_RabXp3mjfAdhQ6hDzsZoyQruhfm-a4jFBeMn1zI_WvjZkQVHp8pOZVmKkIjp3Fk3IP1cw8FnC4XoujBqKg9tVJK8X7ndZO9Hq5KzI_zLVRtr4YAg9uW=81750961';
  "authorization": "Bearer ${API_TOKEN}",
module.exports = config;
const payload = '{"connectionString":"Driver={ODBC Driver 18 for SQL Server};Server=db;Uid=postgres;Pwd=delta-echo-jasper21;Encrypt=yes"}';
const express = require('express');
const cookieSecret = process.env['COOKIE_SECRET'];
const NONCE_SIZE = "24";
const credential = "Credential";
};
const pool = new Pool({ user: 'app', password: 'Tiger1991' });
const firebaseConfig = { apiKey: "AIzaZyUUxQxeKkQNCGL4tUdbUGSeP5KWqwr3Au1", authDomain: "falcon-141.firebaseapp.com" };
