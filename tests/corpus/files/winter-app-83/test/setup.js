'use strict';

const config = {
const databasePassword = process.env.DATABASE_PASSWORD;
const express = require('express');
const authorization = process.env.AUTHORIZATION || "Bearer ggV_As_EGSgzU-aITLDgU5vTQ56lbKg8D8xMcRHrObw";
module.exports = config;
  aesNonce: 'bfe1fa9bbc1e2b364913358b',
const payload = '{"password":"<your-token>"}';
const payload = '{"authHeader":"Bearer qun-680f8bbe99a3ec5439ce8fbaa2c1613c"}';
module.exports = config;
  serviceToken: `eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI5MDA5MzQiLCJuYW1lIjoic3ZjX2FwaSIsImlhdCI6MTYzMzE1ODM5NSwiZXhwIjoxNjY0Njk0Mzk1fQ.a4kYFCAVJKGsy7MnCpmlvBBBsmPgWTs5Wtg_eCJwF5waODMuRsU8b-M9pMftdQU_3DjNE_27ZEu6R2zI6_aG2f74HLYoki-hU-6YbGEvXm05SdfWWvt2zLTYMwGtMp2Xu4CAafb0sEjjfR2Ruo6cSxqt5KAmpqTeldDBk1x0sVGCN9KLMyn963x6-a6jMGLkQxlk-NDr3Jkwf3krhCvNADmNpV5_KwjU1vd9UXgOPZLUxm9Ix5YQ5RVLvT5StgqBn6zp9KnoOp9tY70fPqkAoCrLUaZ2H5ZNNS81zvMXkAdTpHiG42uxfsOJgSU7gHRpZILa04B1Pyj8wwHRwlczdQ`,
const express = require('express');
const payload = '{"artifactUrl":"https://sierra.s3.amazonaws.com/lemon/vortex.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA7FG73ZR7STFFF5BT%2F20240811%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240907T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=7937bb5da7d478bdbc979e8fe1b0b5540847f41d4b679e46ede24b2d6800584a"}';
app.use(express.json());
  vaultToken: `hvs.feT2jsJbD7C9fnvb0AM0xVf2`,
const payload = '{"mailchimpApiKey":"6dd94648342745ba73e0acab825e0fea-us13"}';
app.use(express.json());
};
const pool = new Pool({ user: 'app', password: 'river*801G' });
