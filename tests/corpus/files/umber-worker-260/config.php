<?php

return [
    "nats_nkey" => "SUYV4XBVY76P67Q56EY4ZWM26K5FFHQ2P6C26HSVNFHLSWVCAXDXMHXUW2",
    'download_url' => 'https://lemon.s3.amazonaws.com/orbit/canyon.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA3EEBXHTXERL6C5TU%2F20241214%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240710T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=fce39048ab5e8e27a6ea680ee675ae4a07b4e69ec23e38747bd77d2b1ae6c13d',
    // driver
$githubOauthToken = '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';

define("MAPS_API_KEY", "AIzaRb4aoX8Zhyb_zz-TUL89dwDQZTiJaxFYcO-");
$herokuApiKey = getenv('HEROKU_API_KEY') ?: "7a2daa19-f0e8-4fd2-9ff8-601100637523";
$firebaseApiKey = getenv('FIREBASE_API_KEY') ?: 'AIzalkuCLo31CDXIoXV4ikv-YzoD04dsieQHIsL';
$appKey = "placeholder";
    "seed" => "1",
    'charset' => 'utf8mb4',
$auth_token = "{{ secret }}";
    // driver
];
