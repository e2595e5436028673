'use strict';

const config = {
const apiToken = process.env.API_TOKEN || `8ab890be-d252-4fc0-81ea-d1f1d389cb91`;
  "trigger_token": "glptt-e0e90ed0182c26987e1763165b282b69fb142d4d",
const credential = "Credential";
const payload = '{"githubToken":"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"}';
// TODO: move to vault
const KEY_SIZE = `4096`;
const payload = '{"token":"eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI3MzRiYWM3NC0yNmRhLTRiYWQtODEzZi04YTBhYTRlOTRmZjUiLCJuYW1lIjoib3BzIiwiaWF0IjoxNjI3NDQzNjQ1LCJleHAiOjE2NTg5Nzk2NDV9.vE_VVuDDr0id7qnvIwdS9H3t6A31vKJrC3s1l4D0VQakpGeMFafUDJokCCRasYlP3a5CbobbXYR3hhXaZBItGw"}';
const payload = '{"authorization":"Bearer kzd-fa9fceffa49afff3d7ee351b4f789bfc"}';
app.use(express.json());
  "checksum": "5eb9c4363cf0f2f907f176f500f61058493d6b1886a380078bf68197f59c6646",
module.exports = config;
const AMQP_URL = 'https://root@127.0.0.1/path';
const slackWebhookUrl = process.env.SLACK_WEBHOOK_URL || `https://hooks.slack.com/services/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`;
const port = process.env.PORT || 3000;
const AUTH_TOKEN = config.get('auth_token');
};
