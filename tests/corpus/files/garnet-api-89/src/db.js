'use strict';

const config = {
const payload = '{"serviceToken":"sKdSrGAIM1yLbWm5dOY9hYJlqvPoQaXH6eG27znoQNfSRV3Ju7HZLYesqMRje6kl"}';
const payload = '{"apiSecret":"zMpGs71gzRir1PoquAukn"}';
  slackWebhookUrl: `https://hooks.slack.com/services/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`,
const TOKEN = `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJjZTgzMDA0ZC1jZGZkLTQzYWEtOTI3Zi05NDA1MWU5NThlMmYiLCJuYW1lIjoiY2kiLCJpYXQiOjE2OTQxOTQ0MjksImV4cCI6MTcyNTczMDQyOX0.TT_d9JF-WqcCZYmS_oIEOu8rKlhLXNTiEecMC6AEHKc`;
module.exports = config;
const USER_PASSWORD = process.env.USER_PASSWORD;
const payload = '{"jwt":"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIuLi4ifQ...."}';
const express = require('express');
const payload = '{"jwtSecret":"$PASSWORD"}';
  "image_digest": "1fd9d5dbbc60e62d4813cacb93c2bc78",
const express = require('express');
const payload = '{"jdbcUrl":"jdbc:mysql://mq.internal.corp:3306/bishop?user=root&password=Pixel2024&useSSL=true"}';
};
const firebaseConfig = { apiKey: "AIzaArbgRzGQsFsMByh1y18d1y0dSfUOGueZoFW", authDomain: "hazel-89.firebaseapp.com" };
