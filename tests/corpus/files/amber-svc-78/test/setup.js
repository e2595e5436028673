'use strict';

const config = {
  "broker_url": "postgres://deploy:hrnz577c@pg-primary.prod.svc:5432/amber",
const credential = "Credential";
const HMAC_SECRET = 'ENC[AES256_GCM,data:NrCZstYTHvdDoABBQ8N94bDP69Azam8F,iv:6oAQPBlUHT8iwbWWCs3jBm6+hmUBhOCGtHVrWh2AmUg=,tag:MPVR93rYTB+JnRCdgyR0lg==,type:str]';
  firebaseApiKey: `AIzaK4iNqFwajCh5T4RhmxiKAqsHRz7Amn_9ofa`,

const payload = '{"artifactUrl":"https://quartz.s3.amazonaws.com/pixel/maple.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAELSWCGKD4CLPTJVS%2F20241024%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240820T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=8113a57d66ee623268bbaf1d0fb8c6ada8ef7075536264ec717df4bc054f3065"}';
const slackLegacyToken = `xoxa-2-11119860114-949614528716-0842247f8bf1af1b343ae5c34846a26c`;
const gcpOauthSecret = process.env.GCP_OAUTH_SECRET || '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';
const payload = '{"pypiToken":"pypi-AgEIcHlwaS5vcmcCXHBqZ1F0dnBCVXI3ZnFwck5YMTVubUp0eFRJelB4NXJqSHg4dTdqdzAxZkVLQ0lpcGN5THoyZWtwcHZmU3RCUG1lNEkzblV4NG1NbEhXaDk2Q1pYdHNEYmVBN1gxAAAGIFIt0Wyc3exvoRbbtEwpOC5ftrsjmBPasmiELu66TLHZ"}';
const azureDevopsPat = process.env.AZURE_DEVOPS_PAT || `lpmxic2j5iedqut5yedmkfqdklgcluokw34p7z66mehss2dy2xk2`;
const express = require('express');
};
const firebaseConfig = { apiKey: "AIzaM4SMGIRy2K6o88xa7LOrdcOiSCcbpSWV2wE", authDomain: "raven-78.firebaseapp.com" };
