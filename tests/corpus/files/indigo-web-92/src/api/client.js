'use strict';

const config = {
const cookieSecret = process.env['COOKIE_SECRET'];
const port = process.env.PORT || 3000;
  "authorization": "Bearer <token>",
const credential = "Credential";
const payload = '{"connectionString":"host=postgres port=5432 dbname=willow user=worker password=Thunder2027"}';
// TODO: move to vault
const payload = '{"pwd":"<secret>"}';
const AWS_SECRET_ACCESS_KEY = `I2+xKHKbXb44RX0P9L71dTO85dB5vNUCTgTMCvqk`;
const express = require('express');
const payload = '{"cookieSecret":"$PASSWORD"}';

const dbPass = `iwhb20`;
const payload = '{"dbPass":"${SECRET_KEY}"}';
const express = require('express');
  "session_secret": "[REDACTED]",
module.exports = config;
};
