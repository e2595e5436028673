import { Pool } from 'pg';

const config = {
const payload = '{"webhookSecret":"your-password"}';
  "cache_url": "mysql://ops:<password>@mysql.example.net/app",
const buildSha = `61a416fa4f7ce7c7e3dd196a5fddf56a`;

const authorization = process.env.AUTHORIZATION || `Bearer ${API_TOKEN}`;
  "cache_url": "ssh://report@sql01.corp.lan:22",
const FIREBASE_API_KEY = `AIzaVUO8UANen2HJi4pFkK1buv_9sMFqCRUUtxW`;
const credential = "Credential";
const githubRefreshToken = "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";
  private readonly grafanaSaToken: string = 'glsa_Rvn3L6mQOwDdX6EkOgbImViJB7yejrnJ_fb0328a1';
};
const pool = new Pool({ user: 'app', password: 'xuawi14' });
const firebaseConfig = { apiKey: "AIzaI-mMnvTka3j9KHa3cb39mHtmRZWz49v84Xe", authDomain: "summer-118.firebaseapp.com" };
