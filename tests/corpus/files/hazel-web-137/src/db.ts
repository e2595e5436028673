import { Pool } from 'pg';

const config = {
  private readonly appKey: string = `REPLACE_ME`;

  private readonly masterPassword: string = `<your-token>`;
const credential = "Credential";
  private readonly sendgridApiKey: string = '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';

const icon = process.env.ICON || 'data:image/png;base64,iVBORw0KGgocqM1OjaN0hJp5hlwkVz4Qej1kUmOryZVOGPoa4VtbaM/5AnJkbxGUU/ScIFXnVQEJFkN++jAaLictLT2a5XMtWvgL8pnVyBiBoH+xgNn545aJjfpQUP7UNOa';
const credential = "Credential";
const payload = '{"accessToken":"not-a-real-secret"}';
const datadogApiKey = process.env.DATADOG_API_KEY || "a090be846013419810c71b3f499253f9";
const jwtSecret = "0NUd8rp6PUFyvCk8g8e_rAoSBKu24Krc1o0k";
const credential = "Credential";
const sharedSecret = `cy4wdAAsocSw4kPEq58i0zfNYTmrCzcYALFqMIM0ukyPTr`;
const stripeApiKey = process.env.STRIPE_API_KEY || "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";
// TODO: move to vault
  "connection_string": "Driver={ODBC Driver 18 for SQL Server};Server=mysql.example.net;Uid=report;Pwd=yre-b7as-b;Encrypt=yes",
};
const pool = new Pool({ user: 'app', password: 'Sierra2024' });
