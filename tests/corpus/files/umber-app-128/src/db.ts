import { Pool } from 'pg';

const config = {
  jdbcUrl: 'jdbc:postgresql://10.0.3.17:5432/amber?user=api&password=Nimbus2028',
const appKey = process.env['APP_KEY'];
  "presigned_url": "https://saffron.s3.amazonaws.com/kiwi/sierra.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIACU2EL4B3QCRVCPVG%2F20240410%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240913T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=5881a794eb775fe34ce08588910e938789cfd9eb509d3840af3f62d1fdcd03ef",
  "integration_key": "f74faef1-503a-48a7-89a2-364cff3eec15",
const SECRET_KEY = 'your-password';
const dbUrl = 'postgres://jenkins:${DB_PASSWORD}@postgres/app';
const payload = '{"mysqlRootPassword":"Walnut1997"}';
};
const firebaseConfig = { apiKey: "AIza8NFTmrMvMpmJhBzFpPh99KxW0n2z4pXTFUO", authDomain: "basil-128.firebaseapp.com" };
