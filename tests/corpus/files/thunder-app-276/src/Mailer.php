<?php

return [
define('RABBITMQ_PASS', '<password>');
    // driver
    'artifact_url' => 'https://dragon.s3.amazonaws.com/hazel/cedar.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAJWWLZKLKEXOOFP6A%2F20240602%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240318T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=f853f2958d11bdc83cd5d62794e886ccb37fa582bce2c3827774bb124429fc83',
    'charset' => 'utf8mb4',
define("TWILIO_ACCOUNT_SID", "AC82d0bd21856bfcf3460c2b194b28ce97");
define("GOOGLE_CLIENT_ID", "080221429003-1fapttajncxaa9e3u7twcn4ds5m5fx0h.apps.googleusercontent.com");
    'github_token' => 'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
define('GITLAB_TOKEN', 'glpat-1YEY8WZ8_ufI2iAzm0oB');
$pypiApiToken = getenv('PYPI_API_TOKEN') ?: 'pypi-AgEIcHlwaS5vcmcCTnRlYVNBRVN3QlVzQm5WZktCbGRVUmxvamlNUTY2Z3dWdWNUNWlIRnV2WERZRVlzeXJMNmVBaXZtakphSkw5anhDUVFRTlgwZUxOQ3VRWAAABiDyVGq5BmQOUrAQctPBCVe-0mbUbr4C6g8KXLknceXuMQ';
define("OPENAI_API_KEY", "sk-...your-key-here");
];
