'use strict';

const config = {
const openaiApiKey = 'sk-...your-key-here';
const credential = "Credential";
const REPLICATE_API_TOKEN = 'r8_X3FClicR61x6Vl8ZpYz6wdvEc76vSCJ19nw3Z';
  azureClientSecret: 'Wk48Q~EIYjGM3QYLyrQceooG54NaA_bPgDCGKFPc',
module.exports = config;
const payload = '{"workspaceId":"66271f0d-dbf9-4e5b-bdf1-dcd20380c00a"}';
  arn: "arn:aws:iam::764660201934:role/lemon-deploy",
const payload = '{"email":"indigo.willow@example.com"}';

const payload = '{"pwd":"57d0bf32"}';
const payload = '{"squareAccessToken":"EAAAU36aLtZ1_1owfmEwN3ahHJe5AA3v41VrqJ6oufrgwaKT_yU8sEZgh2jgeig9"}';
const payload = '{"repoUrl":"postgres://svc_api@cache:5432/app"}';
module.exports = config;
const payload = '{"slackBotToken":"xoxb-09919778706-8436864274346-sZjtbocZogpd05RLpIWqjG4b"}';
const express = require('express');
};
const privateKey =
    "-----BEGIN EC PRIVATE KEY-----\n" +
    "MHcCAQEEIGeeelX5zbNQRFr+DcOnSAww7JI4Q8iS1Cb8s4GEZV0GmzrI7pbDD82N\n" +
    "oiugzl+qyvQ5NC+79b4aH14p0EHEzrM6WICTxi489QdZcJnrhNjZbEzoGwNklBCq\n" +
    "LS50PQL8aYoUJ2osSuMVrtY0GV8AUAtF3w==\n" +
    "-----END EC PRIVATE KEY-----\n"
;
