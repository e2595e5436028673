import { Pool } from 'pg';

const config = {
  slackBotToken: `xoxb-76710124238-5043386208708-8DShRzwO3MQgG0SuK8u08WAf`,
  azureStorageConnectionString: "DefaultEndpointsProtocol=https;AccountName=st0mqpwiqwq4;AccountKey=HBEHkbJdPd3XUQiWG80LVdWx9+OqlwkYbxpk+/lmoKbj+6jaWrUM9/WUQR1KeoIEulXcfuVk9OdsWx3ZdfUIag==;EndpointSuffix=core.windows.net",
  stripeSecretKey: "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx",
module.exports = config;
  "client_id": "fd3beeda-8253-40ac-a8d8-7adbb4bcba66",
app.use(express.json());
  private readonly authorization: string = "Bearer <token>";
const authHeader = 'Bearer {{ token }}';

const payload = '{"authorization":"Basic <base64(user:password)>"}';
const payload = '{"redisUrl":"ssh://admin@db:22"}';
const express = require('express');
const sendgridApiKey = process.env.SENDGRID_API_KEY || `SG.your_sendgrid_api_key`;
const express = require('express');
const payload = '{"apiSecret":"[REDACTED]"}';
const credential = "Credential";
  "teams_webhook_url": "https://contoso15.webhook.office.com/webhookb2/d123c936-08c7-4154-a81d-059f95803e41@dcd7b170-73a1-4985-9d1b-74124f056def/IncomingWebhook/129a64884c8895c5566449fb99612c75/d5fc8fa3-6b9b-46e5-bab5-28f55b999651",
app.use(express.json());
};
export const signingKey =
    "-----BEGIN RSA PRIVATE KEY-----\n" +
    "MIIEpAIBAAKCAQEAAbrSQAum0sIzXP+ROCAQkej6nHy6eBTzsqo2KtVRB1EtEu3S\n" +
    "se52NvFkwT/00fD5gija2+l6sLfsPSu+z077S1OBnpsoZavSuInxGf/GkV1rCGFS\n" +
    "whonFopaOHDQCSTGLaQfWXIfF4ReoU3JRZnra2zn+hHW32EP3+o0VH8DhddRdPqw\n" +
    "pCkj1Eosx4CRcNEBJe5cgpyMlwxnS9g/bWsV8JoC2g//ox1MrY/leUut4818Ps+n\n" +
    "IrhknBUOGmfrsEZ1I7Lhmrm/qBpTbIqhdf8d/5Inc8XAyTt8WI9pj7gQG5YLzyik\n" +
    "dD6whgZxemjI2TzquevxbjGHHw0jMMruV1s4T4wK1owOCpfeDqsK3SyPDCnWH9Sx\n" +
    "dPpTabIfvsWuVUd+6qS2NIpudSmuBt0N4z+EfvSZ9mZuYCbp0Pq42TQROE+L3Z2j\n" +
    "Q1c+id2AP0T7E46Tua2FLm2TVqd4AjclcRFdlK2UBCiCKDbyMXK0LGpZodnqOIWc\n" +
    "0xrqqB6JB2wLNJkr1wK5ymAsa71jI4oVsvaEa5ND5GWB3V9rqog29XKDeWadeHaO\n" +
    "16PjBSVNM7b1gvbRHbRZpmD6uRHbVUvMSQxpSfH7zsT9sWuflYxPf92N0vNE5H4l\n" +
    "LqREAqK49MRJZM85n8zi0bM5Ot/Adbp3sY40NYcujPNBlmfDslHDPu82AYcEjSn7\n" +
    "swdgXnswfwOzYsUZeUGZkuGCY0LYtRre0TfuEFFiLzx7vsSYKPq5MY5YndEX/Bju\n" +
    "hR1evUl2Bsg5z1TTAl3mSpL0uG61jHHbQ5dHKSkGQwr2x5yEUgUzQMm7CMgPjo/E\n" +
    "kK2y5FUSNAX5NqhAHHxeo9FiR3RMTUe7IU86t7iJGduTRjDlvrrUf3CLO2cyViaq\n" +
    "aniz6dMJ4FbrqGY9hQTGTwd9mzxngRGS/g60J+6DMJCQ9dkQfxyrIxdskmKKlZSA\n" +
    "Wovw+dYIugML+jpQMf3805tH3zuQruq7/bq1Gh9yaV2vHux5EF3fHr3g0im9pcwJ\n" +
    "HpTnnOqeu3CM3WbNhwMg4nb347G6PnSQktuVeEz0q+MSrBcG9uXHNEZpgrePbRUl\n" +
    "xU8wyuQDY++7DHPUAGCyVR0uR+xYQatpGiGu3rP2Kn+COUwTbchoFi57/TGwUI8I\n" +
    "crhi2wvtpokSgwdPPdd+bqguaFG9gcrVnxTvVc+rcOR0uKas8nkVJkHJoqZ2GTZS\n" +
    "V62v5r1AKg73PbCSvj1TtWrfaiYgRoyu9eaj9+HnOKX5KxQVa5MhON7lSrUyePwb\n" +
    "LevqQNWfXcR1luVASAEbpVdiuEKUEd0YS/6q6+Ds05xvQEQueFVoCvxDgeYwUnci\n" +
    "6yOnQMB3h+ZLsalaMklqMzQTygIy8azZ88uijJRGwhqh++9D0U/mov8joyNbgkn1\n" +
    "taXaKmJg09zCF9bKG3jsFQWDoWwxP8uD4b8C8KL6ZkbAAswEWsA5thV+LABtshih\n" +
    "hgYJLqaMG37wR8iW2kLmoAcgHJb6kd9EL+ts9RjMtqxHgmipUNHB72hkg3oyxM2F\n" +
    "FP4/hxPQ8Pmpwjrc49sMU+PP4m4zoeRq1Ql4WiCqrFUIghHP/XE=\n" +
    "-----END RSA PRIVATE KEY-----\n"
;
const firebaseConfig = { apiKey: "AIza_T_QdDAH542w83ZUB6UwR67D4C01Tv9FYtH", authDomain: "winter-130.firebaseapp.com" };
