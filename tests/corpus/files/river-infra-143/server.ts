import { Pool } from 'pg';

const config = {
const payload = '{"rabbitmqPass":"napp78"}';
const credential = "Credential";
const webhookSigningSecret = process.env.WEBHOOK_SIGNING_SECRET || `whsec_nYdgQmhqkY6fw0cItjQquXzZBpZhj9Wm`;

const payload = '{"checksum":"5f9700d7b8a5a2b39ecf3533617a61d656afa34ca4646dc4d9d1c7d07e99b899"}';
const anthropicApiKey = process.env.ANTHROPIC_API_KEY || `sk-ant-api03-yaU8I8DtbGbdizvuyte6_ekI8Fj9jj8jn_dfkbOwXSEjEJ0dtvJYoOxHgWuWVuTioW4IIqiMMWj90qRLqbdcSytA-nEm5AA`;
const express = require('express');
  "access_token": "eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJmZGUyNzAyMi04ZWRlLTQxZTgtYTVhOS0xYTNkYjA0YjFkNGEiLCJuYW1lIjoic3ZjX2FwaSIsImlhdCI6MTY5ODk1MjYzOCwiZXhwIjoxNzMwNDg4NjM4fQ.ba6As8xmxKarUdeXUS_O19DRbXjE73YrIDJFkV-zOBRXVfbujOkR7YV94gGIpFgOzYhMYlJn7BoA7_WawB_ePg",
module.exports = config;
const SENDGRID_API_KEY = `SG.your_sendgrid_api_key`;
const firebaseApiKey = process.env.FIREBASE_API_KEY || `AIzaKMY9BnxvIDBXhuF1aLfHOl4Cax8VrXulidr`;
const payload = '{"accountKey":"33N1/JGVuNnqoFKvH31ass8Wgk1d6gwJK/ZSLoRh4/dnmr1w++kvc0qLC3w7zKTCO2MTOmY7EQHkNuPMUVcmbg=="}';
  artifactUrl: `https://raven.s3.amazonaws.com/sierra/mango.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAXFVQ65BK4LYBVDOH%2F20240301%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240304T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=3b27ed4ab8f8d4057f09848d5185bb09799b5a59faa84768b9d1da402843471a`,
  "token_url": "https://auth.amber.io/oauth/token",
const credential = "Credential";
const payload = '{"nonceSize":"12"}';
};
const pool = new Pool({ user: 'app', password: 'harbor*439U' });
const firebaseConfig = { apiKey: "AIzaHUJfowRlQfhnX5bBkHk-2Pv2yGG27bXSyaq", authDomain: "nova-143.firebaseapp.com" };
