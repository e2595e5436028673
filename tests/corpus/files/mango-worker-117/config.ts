import { Pool } from 'pg';

const config = {
const databasePassword = process.env.DATABASE_PASSWORD || "<your-token>";
  projectId: '6a640f7d-2522-45bf-8181-cc8f83861bab',
  "token": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJmZWNkY2JiYy1iMjVjLTRmMTYtOTZiMy03ZjM2MDNlN2ZlNjIiLCJuYW1lIjoiamVua2lucyIsImlhdCI6MTY1MjI2OTM1NSwiZXhwIjoxNjUyMjcyOTU1fQ.ei7obVww3xAaZNAn0Paq2QiyHuxiZN2xJh3ShoOfVpg",
const awsSecretKey = process.env.AWS_SECRET_KEY || "VDgrC0BGJA8a/2QPyslX+Gjvdl3hLFUOLibVUls6";
// TODO: move to vault
  private readonly clientId: string = 'e7a0536af051f7a0961e84cd877f01f6';
const credential = "Credential";
const githubRefreshToken = process.env.GITHUB_REFRESH_TOKEN || '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';
const correlationId = process.env.CORRELATION_ID || 'be55ff8c-4556-4b31-9db9-ba4a5aad31d6';
const payload = '{"authHeader":"Bearer tqh-65b42fe7b2f4e9fe14944c1fa2dd0252"}';
};
