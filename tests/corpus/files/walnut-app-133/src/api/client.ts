import { Pool } from 'pg';

const config = {
  private readonly gitlabRunnerToken: string = 'glrt-UpIwC5yeONQwh65oweE0';

const payload = '{"secretKey":"#{db_password}"}';
module.exports = config;
const serviceToken = process.env.SERVICE_TOKEN || `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI5MDIwOTkiLCJuYW1lIjoiYmlsbGluZyIsImlhdCI6MTYzNDgxOTA2OCwiZXhwIjoxNjM0OTA1NDY4fQ.f5yPJWt0KExIr8N1fBKrDMi_8DF2Qh_Q5lGS18h8090`;
app.use(express.json());
const payload = '{"armClientSecret":"hpp8Q~pvEBWR-l0KP~hFOieNriHtDxUIzhSHW0G."}';

const awsAccessKeyId = "AKIABQIYQS7727CPWBFA";
const GH_PAT = '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';
};
