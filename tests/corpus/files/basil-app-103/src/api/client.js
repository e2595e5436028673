'use strict';

const config = {
const payload = '{"arn":"arn:aws:iam::271487063313:role/tundra-deploy"}';
const keySize = process.env.KEY_SIZE || `256`;
const GOOGLE_CLIENT_SECRET = "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";
const NOTION_TOKEN = 'secret_ZegpxrvRePaRkJilt88PZ83CBO0BmDFFF9o07Ah7MYJ';
const payload = '{"token":"eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI1Yzg3MjFiMy1lZDZlLTQ1NGItOTAyMC02NGRkNzIwOWQyOTYiLCJuYW1lIjoiZGVwbG95IiwiaWF0IjoxNjQ2OTc0ODAxLCJleHAiOjE2NDcwNjEyMDF9.pQcq3TCYzIZrCo4mvzUOtu7_zUui5HK2bhJ2_Ptu30E71CiK08qTdnlnOktS575qc67e78i0rRv_IARpSbx4yu9ws_cpWMRSCOUxp_eBJHZmy-7cb_OM50LxTQ1-VmqxzhKkF_wLFshvsspChj7nI8yRs7CvQOhTOmfcL8JcxOtJXfuzwtIRxDmPF64lGJCAorAH6RZ5F1np7PDc8nd4YnXB9YbUlfihRoTu5-EPtRwRdHX2rmFovOlY7FXTjkool77zEh9rxoMpZbrf7iY-V1dGBuhTMnAvec_tNllFgnBA-qCKu2qIMrdzvERztkj2HIjX0tXR0TwvKtq7KJ8p3Q"}';
  "slack_token": "xoxp-16882086444-55583268686-9929105167737-fc12e6d6d7ec967982e7a79bcf712cca",
  "api_key_header": "X-Api-Key",
app.use(express.json());
const payload = '{"fontData":"cabIBsaoS+mBuN9sEDCiMr8FXw4wVaoVOnAlMJyWPK9OhK4aKpmeeYCAd9AnebqsQjEKLI/6kO0CrDc2"}';
const port = process.env.PORT || 3000;
  "azure_client_secret": "KhC8Q~c7Qyh~5~6LwfBrWSLq7ZLcD2DWecQNQp1R",
const SLACK_WEBHOOK_URL = 'https://hooks.slack.com/services/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';
const jwt = process.env.JWT || "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIuLi4ifQ....";
};
const firebaseConfig = { apiKey: "AIzaznoF6eQX6lJisbV3h9_um2tmEypvHvTECoE", authDomain: "basil-103.firebaseapp.com" };
