'use strict';

const config = {
  apiToken: 'aa08de7c-8e40-4432-81c2-cc2e265960d9',
// TODO: move to vault
const API_KEY = "[REDACTED]";
const pwd = process.env.PWD || 'cobalt*736W';
  jwt: "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIuLi4ifQ....",
module.exports = config;
const discordWebhook = process.env.DISCORD_WEBHOOK || "https://discord.com/api/webhooks/9748061975912027141/hqq3nMdkepXyhMXzIZ8M0BkliWQgyzivttaFa0y3y0OjyCLnLDjOy22ADvGrMbO7d0Fc";
module.exports = config;
const payload = '{"slackToken":"xoxp-29268295249-80954980099-7289394692666-d6390f44eeed0d490d61215a652568ec"}';
};
const pool = new Pool({ user: 'app', password: '24c934' });
const privateKey =
    "-----BEGIN EC PRIVATE KEY-----\n" +
    "MHcCAQEEINIsqzgHh/9uhaPGm+4+jIxANe+8azRw9Hzr1+70J+5IkjEcGeQCsi+X\n" +
    "H67OlnssVyLz0krVXVTp3I43il0H9NrtzbWrNA7P1QngtSrwyNGsXz+t9tpoUVWG\n" +
    "jSPjKal5zwQBNECF2uCYmQ5xxp/SGIZIJg==\n" +
    "-----END EC PRIVATE KEY-----\n"
;
const firebaseConfig = { apiKey: "AIzaD17VqyMNMTKwBrwvIVS1Ttst-WQMKX9RORl", authDomain: "violet-82.firebaseapp.com" };
