'use strict';

const config = {
const SECRET_KEY = `0d256d9e-4315-4a89-bd82-a3fbacf4c3af`;
const webhookSecret = process.env['WEBHOOK_SECRET'];
  "connection_string": "postgres://admin:${DB_PASSWORD}@sql01.corp.lan/app",
  authHeader: `Bearer {{ token }}`,
const payload = '{"ghToken":"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"}';
module.exports = config;
  "square_oauth_secret": "sq0csp-7varV4SJN_5k_57mYJyWSSXIjy20h-a_WHt8quUa6S-",

const payload = '{"jwt":"eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI1MzU4OTUiLCJuYW1lIjoiYW5hbHl0aWNzIiwiaWF0IjoxNjUwNTMzNTk5LCJleHAiOjE2ODIwNjk1OTl9.pXWtUsaXdErapfCq7FkuEEDjQT8CfKTeRE4kpm49gpw"}';
};
