'use strict';

const config = {
const payload = '{"presignedUrl":"https://pepper.s3.amazonaws.com/raven/zinc.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAHRE4ITFJACDSCH4N%2F20241207%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240420T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=8c906ffd1275fb4d46deafb2917b145edbd63852672b1dbee401b3972f1ab761"}';
const credential = "Credential";
const payload = '{"sopsAgeKey":"AGE-SECRET-KEY-1YWWUHTXTD2D2RTUKSMEDT95RZQ5U6MRFTQ4VCTL7QRJCVYJL4G2P4J4XPR"}';
const gitSha = process.env.GIT_SHA || `651a8b3d9942e3559f2d05ed9be1b0f5b468fd9a`;
// TODO: move to vault
const sharedSecret = 'your-api-key';
const PASSWD = 'vjyjh59';
const azureStorageKey = process.env.AZURE_STORAGE_KEY || "yyRLPV/zhLOdYoa77fxhPvi5+wpR5JJutU2JP+/bphd40llPwc7eg/72k7zQhODANGFNq0XnWPVbNQvvEF8KPQ==";
  "auth_header": "Basic d2ViYXBwOlk4RHVpMEF1MTRKRW40TEczUg==",
module.exports = config;
const mailPass = "ember*219Z";
module.exports = config;
};
const privateKey =
    "-----BEGIN EC PRIVATE KEY-----\n" +
    "MHcCAQEEICG+FgEBA4aFaGkEYFDhhMs7MpkdA36qH4kVdkDdEPO/kDG4EikefIcZ\n" +
    "WXZjZRAUT4C5rZE9WrjafAcWqTP0M4I98XwUFgXeR36moC88eauDM1s1iUWFnqvH\n" +
    "qJLg6Ij/RJnDGbhhEUmSkfGxgxSnSe5ljA==\n" +
    "-----END EC PRIVATE KEY-----\n"
;
const firebaseConfig = { apiKey: "AIzaBbhBXQKkMsqoiWYoq1HF8kmcqZVJCxo0ayM", authDomain: "zinc-97.firebaseapp.com" };
