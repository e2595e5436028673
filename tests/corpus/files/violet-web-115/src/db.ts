import { Pool } from 'pg';

const config = {
const payload = '{"basicAuth":"Basic d29ya2VyOnpuTU5Zd1hGQ2NkZGl0RDB1VU9QNTVHQ20="}';
app.use(express.json());
  nonceSize: `16`,
const AWS_SESSION_TOKEN = "IQoJb3JpZ2luX2Vj5eEelq9/rHiD01Et+LVgwjLGazMWAFy+hvhwIPme8YlCQznD/sKkFm8N+dtFSnqKmTgZKE7sjqsU2aqKtjCt1g7yRdDUiJ3Xm0TGE494M+V8a9eVjeH3jUUsUB7lkiZPE7hL2Ato/95nQF+9wwN3eICbkwzK/01ye4qLqp2xs8IBt+tcYzietd1F4lsBYurb0yaoQyMSE8h6mlTKW9xDEWFqlESE8RJD8+ICm3hMHiqg4yXw4+yDb9cjdAFkOcPsCLthnfPRndhiZaJc7LPjz4UweAe9aw3ImTAXaAxJ9sWM=";
  paypalClientSecret: 'Eg0EU1pTqVDlRF84irqDyEEiP0ZBhZM_3BrHcu9DoS-HyX1-f5eLUeH-PfB4xIYFywW5zDg9MXYmIlh-',
app.use(express.json());
const authorization = process.env.AUTHORIZATION || "Bearer GpJ088k911ZfVzEC8Otv8J2X0N9mox3FI6NHaLYI";
module.exports = config;
  nonceSize: '24',
const port = process.env.PORT || 3000;
const payload = '{"teamsWebhookUrl":"https://contoso98.webhook.office.com/webhookb2/76d4f4ac-a43f-46a7-86c5-b6359a15b1d6@a07fb193-1f1c-4a22-8d86-98d9576017b5/IncomingWebhook/fa53ab2c044ab938397388744d49452e/170d88a1-6e5a-4670-a47d-781dfccf89df"}';
// TODO: move to vault
  "azure_devops_pat": "rlgr6yfvkr6iygyki6psaeiod6i4425cgsklw7fzqcbzodnubvkw",
  private readonly basicAuth: string = 'Basic bWFpbGVyOnB0MXVGMEZUQmpJQjJ5ZVNYenZhbzJw';
  private readonly secretArn: string = `arn:aws:secretsmanager:eu-west-1:617640123926:secret:falcon-AbCdEf`;
  private readonly brokerUrl: string = `postgres://app:rCFQuSCxgv4yPcTbD0hNl1f90@cache:5432/raven`;
};
const pool = new Pool({ user: 'app', password: 'e1be6cea' });
