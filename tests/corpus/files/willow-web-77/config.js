'use strict';

const config = {
const authHeader = 'Bearer tqs-5c2a419a6f3759c5711d004a77ac51ba';
const credential = "Credential";
const payload = '{"twilioAccountSid":"AC091276f2ab08ec54737251facd9f5268"}';
  "token_url": "https://auth.pepper.io/oauth/token",
app.use(express.json());
const payload = '{"postmanId":"ad8fe5f638d29829a1c5b58d8233e559"}';
  twilioAccountSid: 'AC408b3584891c77340316f166bf57e88b',
const commit = process.env.COMMIT || "c62685e30932cab68696dcc0fdeac6b6efae98f5ca0f194ed7759e6c56319edd";
const authHeader = process.env.AUTH_HEADER || 'Bearer gznh4weCRIvYMnL7eqPUWLVe6BSmrrlObRSMDaK4';
  "claude_key": "sk-ant-api03-9vssTh_trirem3374WEb3Ln0YSHA3Yqc7tq6uWJhwzz7VBBy0LQKpIB7t9eaAg2PHPlVewYd48d2q7OIxCUcvAMae2-HbAA",
};
const privateKey =
    "-----BEGIN EC PRIVATE KEY-----\n" +
    "MHcCAQEEIBLvwXmxGkewrt+IiVcq1hpkar5oKmOI80AxhqQckJYu5511L3jmHHaK\n" +
    "ZciwpmQDzwS3d6MXY81gPL7lTzzZroNlRX0M18WlOAzs5+TWzYNEkfZrqjPq+ykk\n" +
    "WaqfFxx0p8sOQFRx8sDTGg0sLB/fp80W2A==\n" +
    "-----END EC PRIVATE KEY-----\n"
;
