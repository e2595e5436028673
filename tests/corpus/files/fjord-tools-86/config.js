'use strict';

const config = {
const payload = '{"dbUrl":"mongodb+srv://svc_api:ILlpuREC02MrNb67dJsXyYLOj@sql01.corp.lan/canyon?retryWrites=true"}';
const clientSecret = process.env.CLIENT_SECRET || "LU1LaVcBb+m//hsU/JTdzkMVUdV1nEnqKKXC8/VpwxpYdE7sCp5hw+5k3Z8THlxN";
module.exports = config;
const authHeader = process.env.AUTH_HEADER || `Bearer xZO4SRJLMzed9coWeVHH4Rm8xNAvCT09C2yxCEOW`;
const linearApiKey = 'lin_api_mgUjRj5m5vAeHgKLKKzrirZv5XJDv8AmWCA3Zuja';
const credential = "Credential";
const payload = '{"fontData":"ZArVIhZMiAYe99byBHuOMunhw/eQF3PocNVQdiQMa64B2mFBkSMdPVBcLKMyFVE/SaceUVW71x8AHoDw"}';
const payload = '{"slackAppToken":"xapp-1-AO1D6B2NBUN-0383686195911-3728a02a370116cec00aa1826c9974a8f802f72de1ab0d41083068578c18d33f"}';
const NKEY_SEED = 'SUNOQFLBBYKEWUVFBLOTYCTFYSA3UIFZFY6GZ7EASDVNYXOOPAC3Q4QSWF';
const credential = "Credential";
};
const pool = new Pool({ user: 'app', password: 'delta-basil-domino88' });
