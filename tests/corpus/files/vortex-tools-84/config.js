'use strict';

const config = {
  "download_url": "https://nimbus.s3.amazonaws.com/amber/domino.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAA7JAOHH6XRFARPLQ%2F20240702%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240415T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=bd47e6d1b9e422cf6eaa743466012629959b78f7f6668c1e8a61131eda852355",
app.use(express.json());
const tenantId = process.env.TENANT_ID || "ad0e2fc7-7b6d-4858-9504-219092fd306e";
const express = require('express');
const payload = '{"triggerToken":"glptt-e8295f11c860889558d9ac0775174113b151b634"}';
  hmacSecret: `eu5UurVCKGj7zc9P1hsUhOykOWgJgEq5`,
  "client_id": "85a613bcd5dfe359d186da2204231a7c",
const payload = '{"ldapBindPassword":"redacted"}';
app.use(express.json());
const apiKey = '1e2bd71b-873e-4a97-a6ab-6a29b5f9a1e7';
const payload = '{"dropboxToken":"sl.oMRc3trdNBoUwnzCxbYUdXwVuLkIYLm78ygTNtxN1WRlh11klC8Zv0uIInY2x6v5DnWje-EcyZ5S07xghLyrCZSi986Brr4VExWG3NtK9SVfduhmp5mr1Qwl-W3-W_6fhMLlVsH"}';
};
const pool = new Pool({ user: 'app', password: 'fejr01' });
