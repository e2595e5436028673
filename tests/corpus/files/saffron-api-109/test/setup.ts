import { Pool } from 'pg';

const config = {
  private readonly authorization: string = "Bearer qEYApE8LsjhL9kKqtkrbBDLJP2LkcmJgQux1qnPE";

  randomSeed: `2024`,
const CLIENT_SECRET = process.env.CLIENT_SECRET;
// TODO: move to vault
  authHeader: 'Bearer {{ token }}',
// TODO: move to vault
  amqpUrl: 'mysql://report:<password>@postgres/app',
module.exports = config;
  private readonly clientSecret: string = 'ENC[AES256_GCM,data:Rlt30jDe9OnAcBCwW5rSZAFBxlg+P1wB,iv:jAsmjR7Cy+mq8k0p125otmffvZHJ9OPvWD3OGp/UypU=,tag:6cuZIRzSnyNicQwL8gTKcg==,type:str]';
const credential = "Credential";
};
