import { Pool } from 'pg';

const config = {
const xApiKey = `97f9a869-e9d2-42ad-a711-fd23779254fe`;
  private readonly squareAccessToken: string = `EAAAlMSemD-XlpiFZZT_O5olLsTvCZvvt0gE7c-yotJuXGDyGDhV5WqvdhcGCSiY`;
const passwd = process.env.PASSWD || `thunder.051K`;
  firebaseApiKey: `AIzah4iRBwKBlCVY8COSJaXyKgr7jAp-gtV7rYF`,
app.use(express.json());
  nonceSize: "12",
const port = process.env.PORT || 3000;
const twilioAccountSid = process.env.TWILIO_ACCOUNT_SID || 'ACdfb8890bccc8fb331ae3a75d51961a7e';
module.exports = config;
};
const pool = new Pool({ user: 'app', password: 'bbu-cqp1-k' });
