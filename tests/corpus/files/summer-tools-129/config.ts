import { Pool } from 'pg';

const config = {
const payload = '{"jwtSecret":"gwHPaExiLCW1Sc1iYIfFjkP1j"}';
const serviceToken = process.env.SERVICE_TOKEN || `eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJmMjIxMmY2OC1hODI4LTQ4MDktOGQyZi01OTgyMzcyZGEyNjciLCJuYW1lIjoiZ3JhZmFuYSIsImlhdCI6MTY1NTMzMTA3NiwiZXhwIjoxNjU1MzM0Njc2fQ.G-J8SQVec7p5h3amxh6VXWMBMkCrQMkKea7CAAVPvoTGjIN9h083ixxNrK8rIkzycdxHXvuB4rs7zCvhL4RmcVFOuA-7rv-9vG8lsMmEeP-TJrQm-9L57deHq5zK4XOGtXnyOPxemLHURocuRw-K4XlmJoMI3ZUe10Wq7EpsR-wJ17QLi1L20C7YrKo7Yusi9zr1v0t_fPT-V-UhjHPVtyve7VCy26PUIZCMGWp2bn0QDOIzSiz-Ue-HAIgz87Cp0vhGJBrmnsJJu8De020USh983O_3Dbk01xxiSOEabAXFZ2709Gpl2lAHk8P6z7oVdwh49cauw_ED5L3JE8Mplw`;
  authorization: "Basic <base64(user:password)>",
const connectionString = process.env.CONNECTION_STRING || 'postgres://mailer@pg-primary.prod.svc:5432/app';
  "artifact_url": "https://zephyr.s3.amazonaws.com/bishop/tiger.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAZEGXZGS25KMVN3XA%2F20241101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240201T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=026a4af79d62d2e9beb3ecc9349893f89c871fd5f5855b87013c3e011e942ac3",
// TODO: move to vault
  connectionString: 'Driver={ODBC Driver 18 for SQL Server};Server=db.internal;Uid=postgres;Pwd=qej-fxxa-a;Encrypt=yes',
  private readonly awsAccessKeyId: string = 'AKIAT6CL7TOA5XIJSJKW';
};
