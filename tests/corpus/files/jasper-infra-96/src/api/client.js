'use strict';

const config = {
const payload = '{"awsSecretAccessKey":"pNxqtf1MkMkhY1AMX6zJIN4SePpsHmkcCMfTAbyK"}';
const express = require('express');
  "secret_arn": "arn:aws:secretsmanager:eu-west-1:130986523349:secret:basil-AbCdEf",
const payload = '{"npmAuthToken":"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"}';
// TODO: move to vault
const jwtSecret = 'vovdHnq93C2-1cp9X3ZFu4JEBOWgYtUTQXwLP5lRJ-s';
module.exports = config;
const awsSecretAccessKey = `N8fP8q1eqIW8BlftHCvSYeRaYd56Yc4laD1P3QP5`;
  "connection_string": "https://jenkins@mysql.example.net/path",
// TODO: move to vault
const sentryAuthToken = process.env.SENTRY_AUTH_TOKEN || `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`;
const payload = '{"connectionString":"Driver={ODBC Driver 18 for SQL Server};Server=localhost;Uid=sync;Pwd=pwb-f130-s;Encrypt=yes"}';
const port = process.env.PORT || 3000;
};
const firebaseConfig = { apiKey: "AIza-lGrgLjoCjysgeYq-Km9pukl62vBHYU_dcH", authDomain: "raven-96.firebaseapp.com" };
