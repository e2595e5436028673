'use strict';

const config = {
  jwt: "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIuLi4ifQ....",
app.use(express.json());
const CRYPT_KEY = 'base64:79II80c+RB1GFQxh0J8f9ADi/PKYrT3I3PC6RDJZMaA=';
const NUGET_API_KEY = `oy2qo8u4s49t6dqi7hokrxh2t74rgiyn16oaj5m13a6uld`;
const payload = '{"mailPass":"xxxxxxxx"}';
const payload = '{"cassandraUrl":"mysql://grafana:<password>@mq.internal.corp/app"}';
const port = process.env.PORT || 3000;
  "arn": "arn:aws:iam::538886665570:role/lotus-deploy",
const credential = "Credential";
const payload = '{"cookieSecret":"kdaxK1ZsHnEDVjxExTVjJqc61Ho2k4"}';
};
const firebaseConfig = { apiKey: "AIzaYlPurBUWkKnzhBY2t_GvU32P7Vj9C-Ks_FJ", authDomain: "thunder-74.firebaseapp.com" };
