import { Pool } from 'pg';

const config = {
  private readonly pwd: string = 'foobar';
const express = require('express');
  datasourceUrl: "redis://mq.internal.corp:6379/0",
app.use(express.json());
  "repo_url": "https://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@github.com/acme/willow.git",
const stripeSecretKey = process.env.STRIPE_SECRET_KEY || `sk_live_xxxxxxxxxxxxxxxxxxxxxxxx`;
  "master_password": "dummy",
const tenantId = process.env.TENANT_ID || "bf8f6f7b187af531d60769772a494ddf";
// TODO: move to vault
const payload = '{"fontData":"EAEch/Riurb7qxz5fmh3ULWYLBd4Ue5GTSe/Euxp7HazK4DpYim3rKkyBoOejF5latc4sddSWDjgxkM/"}';
};
const firebaseConfig = { apiKey: "AIzaijFVwk6ERErhrglt0hcFkOQUQvPjAgZV-KS", authDomain: "garnet-122.firebaseapp.com" };
