import { Pool } from 'pg';

const config = {
const stripeRestrictedKey = process.env.STRIPE_RESTRICTED_KEY || "rk_live_ueBY1O1VK9R2oaeyVGk8poyF";
const token = process.env.TOKEN || 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI3NjE1NyIsIm5hbWUiOiJzdmNfYXBpIiwiaWF0IjoxNjczMzk5MjMwLCJleHAiOjE2NzM0ODU2MzB9.WRE-JyUHY44eWcn_H0CQYarSw5PJ0PCG2erTZC88ito';
module.exports = config;
  "request_id": "4f499115eb79438f505cdf434682e76d",
module.exports = config;
  private readonly encryptedData: string = 'AgBVRU1ZK2GoQ6oGCx5ypNRuxxSPjvgs+20VDXF54oSnP3N3RVXI/qzYhz0w6vL/do8nYYLXiuFv+4GvDGewyqNFHCGkCgVgACYFc7ZUG2GxZCobgPVFC59X7rzg0IUueRjND08achwAQamdR7fAZo5mll/6vWFe8m7c1QbkIuzYPcDX1+8WPDFuwtvLO0KrFolTzUeEDnJ/Nf9xfJj5gZ2rXh+i/EwZtO5O7g+UkTFnsctYsk4';
const payload = '{"circleciToken":"CCIPAT_ykCIjFhDkzY3pD20bCh5wZ_d2fc493b70bc9d66e4e51cd5dcf2aeeb42b94edc"}';
  password: '0000000000000000',
  authorization: "Bearer ${API_TOKEN}",
  githubOauthToken: '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',
};
const pool = new Pool({ user: 'app', password: 'Lemon1993' });
