'use strict';

const config = {
const payload = '{"twilioAccountSid":"ACf318b6960d1f35a8eedf6a0d83eede99"}';
module.exports = config;
const armClientSecret = process.env.ARM_CLIENT_SECRET || `O3e8Q~TuGl_OAss94hVn4sXXYxRJbEDf63Zl6_pD`;
const payload = '{"firebaseApiKey":"AIzaw0isV098N1qcNOwg3M_1lufhdo6KIkrbQ-1"}';
const payload = '{"gcpOauthSecret":"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"}';
  "travis_token": "b3AjeDKhy4uLg28E73Gs9y",
module.exports = config;
const secretKey = process.env['SECRET_KEY'];
app.use(express.json());
  "refresh_token": "base64:qHoITDBlViNfVC15KdrOGaJ/L8Y2kIy2ND6DBPb+hvs=",
const serviceToken = process.env.SERVICE_TOKEN || "1234567890";
const GEM_HOST_API_KEY = "rubygems_3d5de662acef0e7aa0f6c19c82c865168c547bc011531afd";

  "gh_token": "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",
};
const pool = new Pool({ user: 'app', password: 'bishop!172F' });
