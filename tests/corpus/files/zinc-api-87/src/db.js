'use strict';

const config = {
  cookieSecret: 'ENC[AES256_GCM,data:pW3WSP2dPQWgvTKLD1RNkA7lRpj381Rj,iv:cCOm/d9d9STGuuF6XbZw13mzf5BvK86SUdxdCV9R5/M=,tag:Ala+OB7/pTGs3/Nxfl3Dzw==,type:str]',
const port = process.env.PORT || 3000;
  firebaseApiKey: 'AIzaUmHJCVRdTbUVoCiUB-iZTw1EBeCxu1XxKMg',
app.use(express.json());
const payload = '{"dockerhubPat":"dckr_pat_wvRp4zK-VkpRPlkCr9YzLvtco_s"}';
const algoliaAdminKey = process.env.ALGOLIA_ADMIN_KEY || `f60f42e747b21e979d87ac3eaf028d2a`;
const payload = '{"requestId":"7bbc8361-971a-42af-b8fa-c3a1c7339cde"}';
const payload = '{"passwd":"Vortex2017"}';
const payload = '{"sendgridApiKey":"SG.your_sendgrid_api_key"}';
const pass = process.env.PASS || '37RKnunapkS~3ekUDf';
  authorization: `Bearer OcyH5I4HHjKLuu1bgYjE8gnS86dlBHagPkw6fDXe`,
module.exports = config;
  "webhook_secret": "bCvqfxuILgsWACnJuHkAWLiFVCSsUf",
};
const firebaseConfig = { apiKey: "AIza76oUk9ccY9N6u4d464a2w0-7JIdnVjI5bjO", authDomain: "cobalt-87.firebaseapp.com" };
