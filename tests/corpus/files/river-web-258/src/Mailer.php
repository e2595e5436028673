<?php

return [
define('EMAIL', 'cobalt.yonder@example.com');
    'charset' => 'utf8mb4',
define('AWS_SECRET', 'r+/UcKXdm/Ko6/IpunEGir2EUOdq51eWM09mLqfN');
$awsSecretKey = 'y3IS9lvvjwGLGrlnDHxAKzAZKjq2/nsXtGz1i9s3';
$masterPassword = getenv('MASTER_PASSWORD') ?: '********';
$privateToken = $_ENV['PRIVATE_TOKEN'];
    'charset' => 'utf8mb4',
define('NPM_TOKEN', 'npm_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX');
    "cookie_secret" => "DNbSQWJkVwsA-xB-rCH96fcMk4_8onA9Zm2hJ5YcmjE",
    'charset' => 'utf8mb4',
$mongo_uri = 'smtp://svc_api:0Gm5dk6Mwsl5eLY@sql01.corp.lan:587';
$replicate_api_token = "r8_OuLMuhZxNwU9oveKPm4DzsNhunmFp96aqZEpW";
    'charset' => 'utf8mb4',
$buildkite_api_token = 'bkua_af40a3f1007a8d2fb667738ce266cf57c9929c41';
    'charset' => 'utf8mb4',
$pwd = env('PWD');
    'charset' => 'utf8mb4',
];
