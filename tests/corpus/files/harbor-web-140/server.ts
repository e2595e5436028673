import { Pool } from 'pg';

const config = {
  seed: "7",
  "telegram_bot_token": "9910619626:AAb1GCrCCnEwZWQNwQWFxPRB-jdkm4VHlnN",
app.use(express.json());
const payload = '{"apiKeyHeader":"X-Api-Key"}';
  private readonly teamsWebhookUrl: string = 'https://contoso88.webhook.office.com/webhookb2/d4f1db22-efff-419f-b8ad-6b3b1e89f161@f022672c-e905-4507-8318-a4d507493645/IncomingWebhook/b565a176e7efe6c4660fd90f4db7a44e/c018bb1a-ed3e-40a6-a1bc-7d2d71a00f21';
const etag = '8620a67258cf2a37eea575f33d8f359c';
const port = process.env.PORT || 3000;
const servicePassword = process.env['SERVICE_PASSWORD'];
const express = require('express');
const payload = '{"presignedUrl":"https://maple.s3.amazonaws.com/sierra/canyon.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAHTMOR6GI7BEGHN5U%2F20240119%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240709T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=1b1f4488a5ba4cca14aed75313fceba66eaa23f27e6f1550c950fb6a512b330c"}';
const KEY_SIZE = '4096';
const port = process.env.PORT || 3000;
  "seed": "1234",
app.use(express.json());
const subscriptionId = "e6f9e29b-1470-4286-962b-2285e2dc3756";
};
const pool = new Pool({ user: 'app', password: 'river-raven-ember96' });
