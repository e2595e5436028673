'use strict';

const config = {
const payload = '{"token":"eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI5NjQ5OTEiLCJuYW1lIjoiYW5hbHl0aWNzIiwiaWF0IjoxNjQ5MDQyOTA3LCJleHAiOjE2NDkwNDY1MDd9.7F7-MrOrFfZeGK4DAtGuUzBg7eCp2leg0m3MLRDetWwafaRd5vk7ccy1snJbx-lzEPlDkh--WffbH784Huiy9w"}';
const payload = '{"tenantId":"5f636107-7fd9-492c-af5f-591533e25b70"}';
app.use(express.json());
const PWD = config.get('pwd');
  "firebase_api_key": "AIza2mpCPQkbN_4IAL5p7nwvbWIZcRZJK_89zSZ",
  "service_token": "xxxxxxxx",
const payload = '{"squareAccessToken":"EAAA18G387GZ3Jv50F4NKvVJIIDat_5H2i81dlRnOm_aDbJT6oXL66IkpyP-0T_s"}';
const payload = '{"firebaseApiKey":"AIzanqREG8I1sDFa6REMLcOc2tYHwrgNrnxsGvs"}';
const passwordMinLength = '14';
module.exports = config;
  "authorization": "Bearer ${API_TOKEN}",
};
