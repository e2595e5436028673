import { Pool } from 'pg';

const config = {
const payload = '{"dbPassword":"CHANGE_ME"}';
const express = require('express');
const secretName = process.env.SECRET_NAME || "prod/ember/db-credentials";
const privateToken = cfg['private_token'];
module.exports = config;
const apiSecret = process.env.API_SECRET || `1cb38e795435d84d20ba11d9a297515f4b84d940d3221a88679a380468b4f1f3`;

  private readonly connectionString: string = "postgres://ci:${DB_PASSWORD}@10.0.3.17/app";

  private readonly arn: string = 'arn:aws:iam::516233686741:role/pepper-deploy';
const authorization = `Basic <base64(user:password)>`;
const passwd = process.env.PASSWD || 'mango!141B';
  "docker_hub_token": "dckr_pat_PZ46nUL-7JhqRs3spfoJd4YTB1l",
  "nats_url": "mysql://worker:<password>@pg-primary.prod.svc/app",
// TODO: move to vault
const payload = '{"awsSessionToken":"IQoJb3JpZ2luX2VjzdSVm0N4Q88phAPCml4VSWWno0c4kxv8jW8qaecz3XJxNMTauaqKVj5gvmj7i8yM8i5+gzqV7yH9+EHzllqL3JhhNv4Zc3PoEHQJCcyke0ZL4BA8YioYwax+hD1l0e8bv7oC5WtQhwGH00j1L0LMDXhyS29cJW2lzO6YyG8J0lAQ74it7eFrtDDYtKkHy4GNHhYCF5kh8TiaWoi+Qaiv1GV5lXua+Xm2fScmSjnomfVYbiIDO0NYf+QqwXGvHqv9xZgQeYVTGAcU74d6HRUJ/+K3jgkTyqu/7HoPUnX7V+cX="}';
const express = require('express');
};
const firebaseConfig = { apiKey: "AIzaQFfcfJsexwJbCAJjdvAfVxoRqezGVsdKuaF", authDomain: "nova-139.firebaseapp.com" };
