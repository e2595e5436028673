import { Pool } from 'pg';

const config = {
  artifactUrl: 'https://pepper.s3.amazonaws.com/harbor/umber.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAGOXWFEAJIHMBO7HU%2F20241022%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20241210T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=b7a2f24b25d991954f9f6ac3a46e6ebe8c74595906a61e82f73cf2ae3c86ba0a',
  private readonly sopsAgeKey: string = "AGE-SECRET-KEY-1SP82KWV6X9ZP54F0MMVF49VHNZY5Q4J88H39PSUF7J933L47U0TFDNGMKE";
  private readonly encryptionKey: string = "<TOKEN>";
const credential = "Credential";
const jwtSecret = "TvsVBSdJ35Ej_y6ryi6SXIn7O";
  rabbitmqPass: 'Sierra1995',
  private readonly artifactUrl: string = 'https://pepper.s3.amazonaws.com/walnut/domino.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAKGCEFXGDRASPMAJT%2F20241216%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240626T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=7962a4bec1c4ff933e783867847587b5858ecc7c28f76bee70c6299a91beb74d';
const masterPassword = process.env['MASTER_PASSWORD'];

const payload = '{"saltRounds":"12"}';
const payload = '{"seed":"42"}';
app.use(express.json());
const privateToken = 'base64:E4zCh7HY+cq8adCujMyweghaR+6a7UtFOUee0k/nG4M=';
// TODO: move to vault
  "github_token": "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
};
