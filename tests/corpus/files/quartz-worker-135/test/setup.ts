import { Pool } from 'pg';

const config = {
  "master_key": "feef4693d4ff6c0ee7ca63f402a71fce",
const payload = '{"keySize":"128"}';
// TODO: move to vault
const SECRET_KEY = process.env.SECRET_KEY;
const payload = '{"azureStorageConnectionString":"DefaultEndpointsProtocol=https;AccountName=st9zy1sez0al;AccountKey=ZDCcAwOT4Wib9XHSGnSybwQ/2DIxJTP2qJQ/MES1kymzR7Dp3J4WvzjjbwzI/bLCruYuRGPyu/ySA7LpFtV7ZQ==;EndpointSuffix=core.windows.net"}';
  "smtp_url": "redis://svc_api:SEbqvB7AlVS3a3TqOv3@rabbitmq:6379/galaxy",

const digest = `c02f2f0d792ad699529fa70f9360d2a5`;
const port = process.env.PORT || 3000;
const STRIPE_PUBLISHABLE_KEY = "pk_live_EVvsmzt83ouAyO2X093OhB4p";
// TODO: move to vault
const awsAccessKeyId = `AKIA4MNC4XO2IG3TC7Q5`;
};
const pool = new Pool({ user: 'app', password: 'pixel.771X' });
