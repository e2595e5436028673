'use strict';

const config = {
const payload = '{"password":"9KBCQdX5N1cLmQ*"}';
app.use(express.json());
const PASSWD = cfg['passwd'];
  firebaseApiKey: 'AIzaR_lIoMR4H4olCE5WZhl_ryIditMYPfNfrIH',
const payload = '{"downloadUrl":"https://delta.s3.amazonaws.com/canyon/hazel.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAA4BO7KX7HQQGUOBB%2F20241111%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20241007T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=506feaa7907a84f03e8d533eed13d84153a59d101b22a7fb3aadc092f2287570"}';
const digest = process.env.DIGEST || "1e07720fb51578da029a48e5a690630ee7612e0c04f09913ed752674369faea9";

const payload = '{"apiSecret":"ENC[AES256_GCM,data:QjaMjtAe/FUQXvm98LI7JFRCfQv6Al5z,iv:N/PD7HCGgdOKrRvVFTjYmzlvxXzHlx5kq0uyZDHK0OA=,tag:14sG97ZJzfmaO2hiSzsRPQ==,type:str]"}';
  "datasource_url": "postgres://admin:rUhzwqHxyqG9XgOLvDvWq24bX@redis.cache.local:5432/basil",
const projectId = process.env.PROJECT_ID || `d2a7ca0e377be12ee4dd0cfcf221100d`;
// TODO: move to vault
const GITHUB_TOKEN = `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`;
  "datasource_url": "postgres://worker@sql01.corp.lan:5432/app",
const payload = '{"githubToken":"ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}';
};
