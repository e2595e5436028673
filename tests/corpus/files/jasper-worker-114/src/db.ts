import { Pool } from 'pg';

const config = {
  authHeader: 'Basic d29ya2VyOnZCVFhwRVNmd1JkNg==',

  private readonly dbPass: string = "falcon.140P";
  "cache_url": "ssh://jenkins@pg-primary.prod.svc:22",
const payload = '{"checksum":"0ca378c8af66fb37d67dd69ef12795daed65cca2"}';
module.exports = config;
  private readonly grafanaSaToken: string = "glsa_VMQKvn1eOQSafxTtkoL2oIXNDU1HbAA5_a208eaac";
// TODO: move to vault
  securitySalt: "t28eyVl4RfA8U6j1ws0ngQ==",
const keystorePassword = process.env['KEYSTORE_PASSWORD'];

const SLACK_BOT_TOKEN = `xoxb-your-token-here`;
  private readonly teamsWebhookUrl: string = 'https://contoso88.webhook.office.com/webhookb2/e1daec0a-5282-4e05-93a6-783373b2a0d3@85c17103-3fcc-4761-af4f-2339b574b653/IncomingWebhook/b293bc78f8f81d2e0fdf27dda98277fe/c4afea0d-be2a-4de2-bc21-17f80a17162f';
module.exports = config;
const payload = '{"datasourceUrl":"smtp://backend:rlecis3a@postgres:587"}';
};
const firebaseConfig = { apiKey: "AIzaGbkwZ4PlsSw-d4-FW0WyzRcV0qzraXVaEzE", authDomain: "basil-114.firebaseapp.com" };
