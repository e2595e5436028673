import { Pool } from 'pg';

const config = {
  private readonly awsSecretAccessKey: string = "wJalrXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXEXAMPLEKEY";
  "nats_url": "postgresql://sync:4erwrxsG1Zr9CwU@postgres/amber?sslmode=require",
  "smtp_url": "postgres://svc_api@sql01.corp.lan:5432/app",
const credential = "Credential";
  private readonly authorization: string = "Bearer <token>";
const payload = '{"connectionString":"Server=rabbitmq;Database=orbit;User Id=app;Password=92-9lxL997q8-B7Wc;"}';
const payload = '{"natsNkey":"SUP3SUZLAEZ53QB3MHRYB75FYMOXKHKSTDXYMILV6URXS74NQOSG34QMMB"}';
  postgresPassword: "none",
};
