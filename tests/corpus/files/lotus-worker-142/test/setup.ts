import { Pool } from 'pg';

const config = {
const datasourceUrl = process.env.DATASOURCE_URL || 'mysql://webapp:<password>@10.0.3.17/app';
app.use(express.json());
  private readonly tokenType: string = `Bearer`;
const port = process.env.PORT || 3000;
  "gem_host_api_key": "rubygems_b3e0f664211b8bf0552e8e240aef941568f42de1b4993788",
  "firebase_api_key": "AIzaFOkXOgNbJrs-BGSl27QX1xdHWXDAjPAVWxd",
  "git_sha": "dc37856716731aef45969a8022c08c80f4f55e0f",
const projectId = process.env.PROJECT_ID || '8e3b3a79-1458-4d8c-a717-0789dccf126a';

  fontData: 'gfJwmA+uFyi3foTwmcbUmP6yuibpLnlep0DZanhYb8zEyxRwrQ3HvxVjNfOOrI9LCwhWXfMlHeqZtetu',
const payload = '{"connectionString":"ssh://ci@cache:22"}';
  saltRounds: '11',
const credential = "Credential";
const payload = '{"herokuApiKey":"de4078fc-1fc8-45f9-9cc4-6949acfbe8b4"}';

const bitbucketAppPassword = process.env.BITBUCKET_APP_PASSWORD || "ATBBDtAkDvwJQrRzYozBWa6IzqtIY2sXqyRs424A93C9";

};
