'use strict';

const config = {
const payload = '{"contentfulManagementToken":"CFPAT-oVErUH6qhs_x677q6F4eHN5ZG4MTUby8EpOY3hPRacl"}';

const payload = '{"repoUrl":"https://ghs_he8XC2v3Pxm44vhb0MVULfwttBMrwn2cxK6p@github.com/acme/zinc.git"}';
  "id": "613b4408-cf19-4f11-abe7-91a193a77843",
  contentHash: "d05f79e6183c52236fb6b2cce3d57c53",
const serviceToken = process.env.SERVICE_TOKEN;
  "hmac_secret": "dcc853e0a4519bcc02a0b9b105898e79",
  authHeader: 'Bearer {{ token }}',

  authHeader: 'Bearer {{ token }}',
module.exports = config;
const payload = '{"masterKey":"0000000000000000"}';
const express = require('express');
  "salt_rounds": "13",
const port = process.env.PORT || 3000;
};
const pool = new Pool({ user: 'app', password: 'jdfyi26' });
