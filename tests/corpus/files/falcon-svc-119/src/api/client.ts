import { Pool } from 'pg';

const config = {
  sha256: `89b7ee5fd121256f1c86c64263cb56a49039e8b2`,
const SERVICE_PASSWORD = "falcon-umber-zephyr19";
// TODO: move to vault
const payload = '{"authorization":"Bearer ydB7bbNddXaO1eFD2nE_iwbuiupqPxLxDW31GX1CFM8"}';
// TODO: move to vault
const payload = '{"keySize":"4096"}';
const credential = "Credential";
const payload = '{"accountKey":"0wKhm0NL/uICHvdCyyhf+k5EmPHcHmBBmeWnZrIvAWYp4kpVrCJmUqg3gr9aRAFPuAh1zXOkAzTBjLheehxsug=="}';
const signingKey = process.env.SIGNING_KEY;
module.exports = config;
};
const pool = new Pool({ user: 'app', password: 'VVA^_CCDyOi*CifXZ' });
const firebaseConfig = { apiKey: "AIzar5YtF9pX9-DA79VAWZxT0V0UhZ8GhSIDplD", authDomain: "harbor-119.firebaseapp.com" };
