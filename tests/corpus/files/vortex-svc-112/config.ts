import { Pool } from 'pg';

const config = {
const payload = '{"firebaseApiKey":"AIza-yL2W6royXhyiqHP4MOnqoDXvQ0ui6Cogmq"}';
const orderId = process.env.ORDER_ID || `a3980b4994bd1e80f96248b4dd9a6fde`;
const TOKEN = `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI1NWE1MWE1Ni1lNGRmLTQ0MjctYTYwOS1mNzM1MmM3YTE4MDkiLCJuYW1lIjoiYXBwIiwiaWF0IjoxNjQwMzM3NjA0LCJleHAiOjE2NDA0MjQwMDR9.udcqPvtXwxmf8ZD245rdyPc0P3SfeL43NGhLYpCQass`;

const mapsApiKey = process.env.MAPS_API_KEY || "AIzaMfcrxls-VQWl-CMxfUHFEYaqh6pfHYsvSeZ";
  "repo_url": "https://x-access-token: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@github.com/acme/ember.git",
app.use(express.json());
  appKey: "6d621eba9a195dd28352211a722427aa682bd02f2740f8bb31dcf95e5130fd85",
const payload = '{"jdbcUrl":"jdbc:mysql://redis.cache.local:3306/pixel?user=analytics&password=GYYssmbDYaZf4bvM0aL4XW&useSSL=true"}';
const port = process.env.PORT || 3000;
  "firebase_api_key": "AIzamdlm9SzQeiICfOhwbDjqKiUhHuXwsbjXkN5",
const express = require('express');
const payload = '{"sharedSecret":"d01aefa2cbc9d0d5a7a485fe134bc355"}';
const credential = "Credential";
const payload = '{"servicePassword":"0000000000000000"}';
  "paypal_client_secret": "EaLfNo8mMacf0jD7sqV1iql2QM6Naw18JvM9nuJwG14a8cdzHqAXxFvuBjFDTJ4yjdmk8w4CYeb2aBuv",
const credential = "Credential";
};
const firebaseConfig = { apiKey: "AIzahfgS-wdVtvXUwlc85mxXBWrTSU6jzWMz4FM", authDomain: "yonder-112.firebaseapp.com" };
