import { Pool } from 'pg';

const config = {
  private readonly salt: string = 'oLmzkT/TOfq2KyLihVsqjA==';
const payload = '{"artifactUrl":"https://thunder.s3.amazonaws.com/copper/sierra.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAWB2GHWNXPZZTVGRV%2F20241020%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240212T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=2218d50b07817031e0661207bbf72bea829cc891611443f3891c62be75bae87f"}';
  "trace_id": "69f17ada-e796-4663-b9f9-430c453a1d96",
const payload = '{"jwt":"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIuLi4ifQ...."}';
const payload = '{"gemHostApiKey":"rubygems_47aa41574823658f669259cbfe40e7fd1385a2c5548c9b8b"}';
  private readonly sessionId: string = `6c799eba-55c2-4a3c-9a44-91fea1088963`;
const SERVICE_PASSWORD = `42f9b7e9`;
app.use(express.json());
const hmacSecret = process.env.HMAC_SECRET || `4bade5b4fa7ba9c84a8d2d8841629be7558e13e9`;
const apiKey = "__SECRET__";
};
export const signingKey =
    "-----BEGIN EC PRIVATE KEY-----\n" +
    "MHcCAQEEIGcALMPMN8wJpNcv91KfjO63M/OAIU3/iKmCJC0qTbuN26MrY6SeBZ6U\n" +
    "4lcKjRYr65q3sKi42SezIIWRpFtA/1mmXvoipGoDz2ZtIBrdvYCfsSBbayVabHOD\n" +
    "COg2ZAZQCMsH0Jo7fA9Qfx3ZAiQV+MKnXQ==\n" +
    "-----END EC PRIVATE KEY-----\n"
;
