import { Pool } from 'pg';

const config = {
const payload = '{"artifactUrl":"https://basil.s3.amazonaws.com/falcon/river.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAPQA5RJ4RZEKOKGCG%2F20240127%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240903T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=83aec0777ceac9943d749ac21bc1d13b4e987c283bfea520e5df506d2ee92e37"}';
  authorization: "Bearer 5SWUid0w9DJLYBNqcnNSW9c4AbW7EMFnFASr-UW3Y6M",
  private readonly connectionString: string = "host=rabbitmq port=5432 dbname=pepper user=backend password=zvq-s7g6-k";
// TODO: move to vault
  "presigned_url": "https://jasper.s3.amazonaws.com/willow/violet.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIANC5GVKLHJ66G5ZZB%2F20240314%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240321T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=37c9ba220fbf5254e852eef7bf50f4a1630273fb6ae430e3ac7c63253bacf42b",
const repoUrl = process.env.REPO_URL || 'https://oauth2:glpat-T9Pdw0RFSohdJmNgI2O2@gitlab.example.com/acme/tundra.git';
app.use(express.json());
const notionSecret = process.env.NOTION_SECRET || "secret_3cRHYV8ZRq8j0Hxk2VhctnevSu6GFB5aR4I53ssfgmr";
const port = process.env.PORT || 3000;
};
