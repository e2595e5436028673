import { Pool } from 'pg';

const config = {
  appSecret: 'secret',
  private readonly saltRounds: string = "9";
// TODO: move to vault
  "service_token": "eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI5OTE4MzEiLCJuYW1lIjoic3ZjX2FwaSIsImlhdCI6MTYxMjMyOTI5OCwiZXhwIjoxNjQzODY1Mjk4fQ.NbFHRsRFp_rzmF22gOOiBnNAIr6W_N54I91BRJsMcPQa0qG4iGmt_6KXTTrWK9mou0boPebL-2F1Jc3nG-N8kQ",
  "token_url": "https://auth.harbor.io/oauth/token",
const credential = "Credential";
  connectionString: `redis://analytics:Jasper2025@db.internal:6379/river`,
const GIT_SHA = 'e5f602c1635abab8cf0537fc3a084ee29b11bf68';
// TODO: move to vault
const dbPass = process.env.DB_PASS || `bdd3f402`;

  nonceSize: "24",

const payload = '{"hmacSecret":"dacC4Ik6SRwF/TSpUMecXFXDMle1/wyXNIXv+SL1PoPVdAxQb99cNxERrgEBvxn5"}';
// TODO: move to vault
};
