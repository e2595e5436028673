import { Pool } from 'pg';

const config = {
const PWD = 'summer.106V';
const PULUMI_ACCESS_TOKEN = `pul-49e3f119b2dbfa3c961ac03e846a5cb7c94943f8`;
const port = process.env.PORT || 3000;
  redisUrl: "mysql://mailer:<password>@redis.cache.local/app",
const slackBotToken = process.env.SLACK_BOT_TOKEN || `xoxb-your-token-here`;
// TODO: move to vault
  signingKey: 'z5IQIHUW2q3bqtP3Eo9vkYMslTl9ZqtmNr',
app.use(express.json());
  "shared_secret": "<your-token>",
module.exports = config;
const encryptedData = process.env.ENCRYPTED_DATA || 'AgBa/6VXTOiWC93XoRlCudRdjnuLk7g85pxBFqQoDihXFlpVUNfQP5B/MiGSG9wzwG03Cxsr9msIZaQ0uU6TKogq1khjpi/TWIX506fB/W7NMcYACVWclI5nDZ5r4Dow8IsJpPyEeZheOKksI6Y5jUyD+uFzkyOK75RJ8NJfUD+9K9Ji+CEoyQVj+YQUbt8VrW87Vi7OzuuefpXrLuLw16S0FFbaK/o3uUvJ0Rrip+DduoL7wAp';
};
const firebaseConfig = { apiKey: "AIzamRKiudMvnhj944AaRhCdxhYEhY6aScE30UG", authDomain: "yonder-131.firebaseapp.com" };
