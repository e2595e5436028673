'use strict';

const config = {
const payload = '{"signingKey":"RYe1JDGZBfKZiJ6lg7fqsw0ZjtXWfJDs1SS70bTdqQI="}';
const payload = '{"natsNkey":"SUAF3FJDQJPFGYXUIWSBMUHY7F4TXGNPTDWVZTRZLKNWV5OKMGLF637CK3"}';
module.exports = config;
  "authorization": "Basic <base64(user:password)>",
const payload = '{"adminPassword":"Delta1991"}';
const payload = '{"traceId":"a4aa9d1a-e556-4bec-bda0-25fda7fe69cc"}';
const payload = '{"googleClientSecret":"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"}';
const credential = "Credential";
const payload = '{"tenantId":"babf8dfb6143883ee17697a4e6b3be7a"}';
};
const pool = new Pool({ user: 'app', password: 'pixel*549I' });
const privateKey =
    "-----BEGIN EC PRIVATE KEY-----\n" +
    "MHcCAQEEIIci7u7yCajE07jhxzWg3pPhJ4WrkQF2DrdvPOQGloJJDomG86eTponi\n" +
    "g0/IsSPzL/LBQJerDK6VzcQ9jswZ0z4b+bP6kuadB1klmTZ6Kd7foOfiEH+BBrs/\n" +
    "h/t637fkhjC0rhyOtln5FsWaIov5+028Dw==\n" +
    "-----END EC PRIVATE KEY-----\n"
;
