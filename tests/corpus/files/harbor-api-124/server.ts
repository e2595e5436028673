import { Pool } from 'pg';

const config = {
  saltRounds: "8",
const authorization = `Bearer ${API_TOKEN}`;
  "slack_app_token": "xapp-1-AF08L7ZBVGC-7662631002749-8ae293c9b50d3a2312b2acdb816613da7acb87e3a8012d2d807292912cba52e0",
module.exports = config;
const MD5 = "af40b1dd23719319b120e3be279e151ecbd0fa5d";
const port = process.env.PORT || 3000;
const payload = '{"seed":"7"}';
const secretArn = `arn:aws:secretsmanager:eu-west-1:165219669235:secret:summer-AbCdEf`;
const credential = "Credential";
};
