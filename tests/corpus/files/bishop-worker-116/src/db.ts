import { Pool } from 'pg';

const config = {
const pwd = `cyrmi88`;
const secretArn = "arn:aws:secretsmanager:eu-west-1:969822431886:secret:river-AbCdEf";
module.exports = config;
const workspaceId = "f0b0363c-e2ab-4365-89b7-50f6aca3e195";
  cacheUrl: "amqp://backend:Saffron2006@10.0.3.17:5672/opal",
  "api_key_header": "X-Api-Key",
const icon = process.env.ICON || "data:image/png;base64,iVBORw0KGgoNFuQlcEPPK56ykNs5EwVplkoO3N+We1l+za7RsxfF8wN90xTS+4B5GFt7A2OTbKR67pg9C5gVbhf+hGXYBkVKKeZAyUrItY28CZa1BCtsaX+/9X1XgAlpbXG";
};
export const signingKey =
    "-----BEGIN EC PRIVATE KEY-----\n" +
    "MHcCAQEEILMHRZLz3KYRH9KQpD2XT6JdufX8UZV+tHab42l7A929QWK/cDjWZa4V\n" +
    "fDSj2wlapwYid9GyAI4Rg6jx6Uy6iq+W7GFuSzl1UXuSajAGQAmjOnzfbB5jclkg\n" +
    "5Y+Wp9dukJSWFaW4BG76eCSdYD7EMCILIQ==\n" +
    "-----END EC PRIVATE KEY-----\n"
;
const firebaseConfig = { apiKey: "AIzanjxsuTEoQ2PhhRXUl2-hYEWLnSDHZ29K0ZI", authDomain: "indigo-116.firebaseapp.com" };
