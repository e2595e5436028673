'use strict';

const config = {
const youtubeApiKey = 'AIza6-JRbFORyPWnDXz4MwmDJAxUmwomBrdqMyA';
const port = process.env.PORT || 3000;
const payload = '{"digitaloceanToken":"dop_v1_9f67e8ec7b0d51cae843115075c7eae21ce9af4a549a5ac67242f44ded6155a0"}';
const express = require('express');
  "token_type": "Bearer",
const credential = "Credential";
const payload = '{"arn":"arn:aws:iam::675268651714:role/yonder-deploy"}';
const port = process.env.PORT || 3000;
  "client_secret": "bN95pHgNW4Ndo8bSmjignw5plS5igmjz3yXSaVNR35I",
// TODO: move to vault
const dropboxAccessToken = process.env.DROPBOX_ACCESS_TOKEN || "sl.wu-Xb_B_ptsJhoaCmR_e3h3Ai3i0xcu1sE6HvdO61fy1e5guMjAl5cHT91U3ulKoNgikpNWtgpgbQiHyZuYFMVS4unm38eYHYpG_AxULxxfWCNXGMg56KF4z6ofZ2o7fJiEtjVV";
app.use(express.json());
const otpSeed = "DZKXU7ZBG576QICLUDSSV6GOQ5WYHVMG";
const payload = '{"arn":"arn:aws:iam::567047476965:role/indigo-deploy"}';
};
const firebaseConfig = { apiKey: "AIzakfdY1T0qxJ7VqXS8NtGlf2c7oH2pj0ZChre", authDomain: "sierra-100.firebaseapp.com" };
