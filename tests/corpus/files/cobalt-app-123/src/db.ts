import { Pool } from 'pg';

const config = {
  mapsApiKey: "AIzat2XKeFEDzfF40fNngO3YBDV2_COJmSylsA_",
  private readonly subscriptionId: string = "f125bdab-56b9-4dd2-8704-d94cb4b20f76";
  private readonly refreshToken: string = 'ENC[AES256_GCM,data:iX83Iu90PyzNzsNUtQ3keiCJSBoo9emJ,iv:P186jo6C3Nn9Ys+QPKiKmrf40kXcg5Q5KpFPbxqTpB8=,tag:Hr5AP5Wjb8brsZr0hTQIFQ==,type:str]';
module.exports = config;
  token: "f6361361a0b6542d41a5770471db9f1a953bba1056d65355b65fc1c2983d630d",
  private readonly signingKey: string = 'a885aa569be76094d35bdd507b5a96a98f8fdb867a5052bd65ac60e357a487a1';
// TODO: move to vault
  private readonly jwt: string = `eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI1MDQzNDIiLCJuYW1lIjoicmVwb3J0IiwiaWF0IjoxNjUyMzYzNzczLCJleHAiOjE2NTI0NTAxNzN9.XmKs6g334VAzTaJigbMqV2Vqk33oiEzlrl6uS3Sl9cdkJhqvTptqsEURQLFg1xArdPjgBbL4SOYHMUrpB6k9JclsxHWWwZw8CCjUkn8SpGx2x-pdNg61Nc_ERGesXTAmj2H-vYB-DlOgWUWxoMFn8fucwK9EuStPVtdaH2DxEzT5NVTyJ0pkzh_VKxiJiZk8gi55dAmLsBiWNcdz9pfTg2nl5vjqNgIR7R2R9prp_w-P8f_1VTnCdRjzL7Yvv3wuZYbW1n84Axz7h5c68Eay0oRVOq8VV4SQr0gzJh08yWvNRqQm8K_OF-sb8UIUcPhGSs3MgPToYwkGgK_rft8VeA`;
const port = process.env.PORT || 3000;
  repoUrl: `redis://10.0.3.17:6379/0`,
const payload = '{"slackWebhookUrl":"https://hooks.slack.com/services/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"}';
const saltRounds = "12";
  private readonly sha256: string = `be2f8a77b501efd3944e5b6d40263802aab3f3448b44b46b233c689ce22ae394`;
};
