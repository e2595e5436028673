'use strict';

const config = {
const gitlabRunnerToken = process.env.GITLAB_RUNNER_TOKEN || `glrt-36PwGK2klwd6xDCdwmFt`;
app.use(express.json());
const stripeWebhookSecret = "whsec_PdPAACnod84A6rF6fNCa0j8nuK6kiJM1";
app.use(express.json());
const payload = '{"mcApiKey":"6fba756598b1c4d3329376c61bcd74e2-us9"}';
const AUTHORIZATION = 'Bearer ${API_TOKEN}';
app.use(express.json());
const postmanApiKey = process.env.POSTMAN_API_KEY || 'PMAK-6e79be9d2a3d0ef7153df8ab-6dd12ff791b5b6f039eeb7c4c0bbcbf006';
const payload = '{"apiKey":"lA5WYQ_TvYgQ1xJVe2vpr8jHoRno36_-JbR7Vf9nV60"}';
module.exports = config;
const payload = '{"bitbucketAppPassword":"ATBB3COEWFpvxWAaB1jNb8iVJCmWFO3baWSB1D011482"}';
app.use(express.json());
const payload = '{"dockerhubPat":"dckr_pat_zvzd5gw2kZo08amxG1CjEL2XEoy"}';
// TODO: move to vault
  "database_url": "cassandra://admin:PaoOeiWTRMg@db.internal/jasper",
const express = require('express');
};
const firebaseConfig = { apiKey: "AIzacXcNIK2zViPoK0NdkpB1NTsmaqw6m9IrBi8", authDomain: "fjord-80.firebaseapp.com" };
