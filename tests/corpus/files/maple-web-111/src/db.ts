import { Pool } from 'pg';

const config = {
  "auth_header": "Bearer txz-1aba6f18920e5caf38b3f43bb39f60d5",
const port = process.env.PORT || 3000;
  pass: 'foobar',
  gitSha: '8a5a0bcf6cce39e10140e50b2a0a7bb7',
const payload = '{"stripeKey":"sk_live_NuITFfjN6UYbjFcYDQ7OhUTT"}';
const express = require('express');
const payload = '{"sessionSecret":"base64:cjAzPhhAeGNZ3LGT8V73G/Gd9pQatbHcgEG+ZCBlTrI="}';
  dropboxAppSecret: `6t1jtjm4oujbgic`,
  private readonly digest: string = "bfe98407cd601e325f3a7ddf6b8923b4d1bd4d06f7cdc9ff8c2d05d445cdc4c6";
};
