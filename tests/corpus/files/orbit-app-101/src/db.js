'use strict';

const config = {
const brokerUrl = process.env.BROKER_URL || `postgres://mailer@10.0.3.17:5432/app`;
module.exports = config;
  "passwd": "lotus.820F",
const payload = '{"slackBotToken":"xoxb-64264065269-3150061013108-vXllQJrPwv6FvkXIS64XecNt"}';
const MASTER_PASSWORD = process.env['MASTER_PASSWORD'];
app.use(express.json());
const keystorePassword = process.env.KEYSTORE_PASSWORD;
module.exports = config;
  "service_token": "base64:1YryBTDEWXi3/p2ulYjsR1fZYCc+UZyotK3WyW6m1lE=",
const sessionId = 'cdb65e2bf0d35ef7db26787239ef74fb';

const dbUrl = process.env.DB_URL || "smtp://root:1gf9PWrTRus99Qe6OsMqRC@db.internal:587";
// TODO: move to vault
const payload = '{"idToken":"eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI1MmUxNTlhNy1mMTdjLTQxMmUtYjc3Zi00YjI3YzY4ZDgyNzciLCJuYW1lIjoiZXRsIiwiaWF0IjoxNjY5NDgxNjI0LCJleHAiOjE3MDEwMTc2MjR9.Yp-QzyBPt8klNsS6LHt5nmm0zILk6iqUuwDguZ1UnZk"}';
app.use(express.json());
  "mongo_uri": "https://report@10.0.3.17/path",
};
const pool = new Pool({ user: 'app', password: 'river-maple-quartz96' });
