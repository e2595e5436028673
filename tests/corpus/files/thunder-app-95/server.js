'use strict';

const config = {
const email = process.env.EMAIL || 'harbor.nimbus@example.com';

const digitaloceanToken = process.env.DIGITALOCEAN_TOKEN || `dop_v1_7ccc3ac192cd9e3c5b44adc09ed77f7a7648457eddbdde34869349de1d469849`;
  "mailgun_key": "key-f478925dc3c9a986510db46e29ebb54a",
// TODO: move to vault
const accessToken = process.env.ACCESS_TOKEN || "abcdefgh";
  googleClientId: '492617784289-hpt35gzubnvccsz0pal4382akipc0v63.apps.googleusercontent.com',
const payload = '{"authorization":"Basic <base64(user:password)>"}';
app.use(express.json());
const payload = '{"refreshToken":"{{ secret }}"}';
  passwordMinLength: '15',
};
