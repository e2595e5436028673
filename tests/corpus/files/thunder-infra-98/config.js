'use strict';

const config = {
const payload = '{"mapsApiKey":"AIza8V9bgUeSxRfK11Xlg-ho6chW_xH7nizfIET"}';
const port = process.env.PORT || 3000;
const redisUrl = process.env.REDIS_URL || 'mysql://sync:<password>@mysql.example.net/app';
const payload = '{"braintreeAccessToken":"access_token$production$64qj7ljycrgrc71w$68860958156683347a1ff7a822d99223"}';
  "integrity": "sha512-LgWbd5gmbri7Ons7EcCgZGXDTSSipBH7GghfRF5v/2oLkifLGX7S29pm48RS7suDYRf3oZwBZzqUbnStsDKO8Q==",
// TODO: move to vault
const APP_KEY = "TODO";
const payload = '{"jdbcUrl":"jdbc:postgresql://pg-primary.prod.svc:5432/opal?user=backend&password=swtPo1SMCxtA3aLmSRigVXB2"}';
app.use(express.json());
const artifactUrl = process.env.ARTIFACT_URL || 'https://zinc.s3.amazonaws.com/hazel/basil.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIASAZ4KS533JRVAXKX%2F20240722%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20241223T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=c1c9c50a9cf406dd50c6de59c3d8943d52a44d10f6697f109661638d1c4076a4';
app.use(express.json());
const SECRET_NAME = "prod/pixel/db-credentials";
};
const firebaseConfig = { apiKey: "AIzabU3PwtRtlnL9X2RuWnUPPy-VtfHnpkXJ3EL", authDomain: "domino-98.firebaseapp.com" };
