'use strict';

const config = {
const payload = '{"jwt":"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIuLi4ifQ...."}';
const gitSha = process.env.GIT_SHA || "a7f3e8f1a35f1ffb498e1a13ae49b43b";
  "pypi_token": "pypi-AgEIcHlwaS5vcmcCTVZOZDBzZHQtbzhYemFTOHRzTXZObUlGdU1IZ1RDUWx0OEd3YVhvV1NYeVBwcXJkTVNsLWRNd2RtS3h1Ykg4SkJWRFJNcUN0dGxWTEQ0AAAGIB0UJxCaHTrSLHyGomcLRT01Yt8hllFKhcXNm63uSJ5y",
const credential = "Credential";
  authorization: 'Bearer <token>',
const NATS_URL = "smtp://svc_api:Nova1996@db:587";
const dbPassword = process.env.DB_PASSWORD;
app.use(express.json());
  "firebase_api_key": "AIzaXPH-YUyyVNxmOAuZKjCiYV1SMkpBxxZlcLY",
const payload = '{"discordWebhook":"https://discord.com/api/webhooks/8672792744043746125/KIbJ428KgAj2REJOi78ZAx3fc6a_4_ZPkBe0LCT_bF1NXWsohQz0KYHPwb-LmRS0sFBZ"}';
};
const privateKey =
    "-----BEGIN EC PRIVATE KEY-----\n" +
    "MHcCAQEEIJOMecZFefH7yALTzwa9H9aBuMn9Y5C0a37vmOU9o2uB2nCKcwp153xd\n" +
    "xgPLfNMPEKuCpA0UrSQHU3SNs1DVUr1yae1PuO7BgMnyVSAnZ1H1bL+ln0PD67v0\n" +
    "JNCdsTZTD9HLt9bqb0Qi/Zuchs71m9wjLA==\n" +
    "-----END EC PRIVATE KEY-----\n"
;
