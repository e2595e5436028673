import { Pool } from 'pg';

const config = {
const tenantId = process.env.TENANT_ID || `ec8fcd1d-7e34-4a72-8c41-87a2a6ef74e4`;
const AUTH_HEADER = "Basic YmlsbGluZzpBbWJlcjIwMDU=";
const keystorePassword = process.env['KEYSTORE_PASSWORD'];
const secret = process.env.SECRET;
app.use(express.json());
const LDAP_BIND_PASSWORD = 'eb0a94';
const payload = '{"presignedUrl":"https://yonder.s3.amazonaws.com/maple/nimbus.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA7RTL7BX4KF2JZXTB%2F20240703%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240523T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=439cbac107e49e3565b38ddfee786c5b490bde6323cb2eb846c2f35ad31f0447"}';
};
const firebaseConfig = { apiKey: "AIzay1VQK4cC5s_85CYfDwgOzTvJNIrfnDJfs0u", authDomain: "dragon-120.firebaseapp.com" };
