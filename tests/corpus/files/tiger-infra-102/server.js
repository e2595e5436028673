'use strict';

const config = {
  repoUrl: "postgres://jenkins:${DB_PASSWORD}@db.internal/app",
// TODO: move to vault
const REPO_URL = "https://oauth2:glpat-Xmag8ylztTFNKBfyBlsW@gitlab.example.com/acme/vortex.git";
const stripeSecretKey = process.env.STRIPE_SECRET_KEY || "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx";
  jwt: 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjgxMDgiLCJuYW1lIjoiYXBwIiwiaWF0IjoxNjY2NTk4OTExLCJleHAiOjE2NjY2ODUzMTF9.pYMYcC6nBhSQarVwe0eeu3UwYHSLI5HgGdaETPsSc4AwFRImBje1LqqoUcTP5dLNRIZ8xjArQ922gJ_6cKevZN6EXSc8lfIkFlYim_oQfRfkd2rz-Ar5yzResqcFsUxlIaqHPIt9EoJEXnKNyf7x9-yeSTlXrl5NJhwmLBKnT0OyvIWz0hb6vYXJgKkpXmXJZY4xUdaJJWizLE1Bx5sfSrBa_r-A9RREEXnTcbeuKRoVRmMXoQkndhIymHiRbQ025Ygp8VbPLYsYETibcnmhiJXLrj2JvCon_Hop-Q6Bcnu96qVtMfUsxfg0fzlZjqf4vVdBV3z0oz-y_ChkMfzvZw',
app.use(express.json());
  mysqlRootPassword: "zephyr!187T",
module.exports = config;
  "authorization": "Basic <base64(user:password)>",
const port = process.env.PORT || 3000;
const payload = '{"sendgridKey":"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"}';
const payload = '{"totpSecret":"BO5UBCSY2GWONM23"}';
app.use(express.json());
  requestId: `e3988407-b990-4b4d-84f5-1802ca3d9ed8`,
};
const pool = new Pool({ user: 'app', password: 'saffron-river-canyon23' });
const firebaseConfig = { apiKey: "AIzauo2YjhZOm7a3_9upnzp3y--L_2o2RtH45DS", authDomain: "tundra-102.firebaseapp.com" };
