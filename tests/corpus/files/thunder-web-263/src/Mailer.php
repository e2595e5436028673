<?php

return [
$id = getenv('ID') ?: "b78f7813-1fa8-4eef-aab1-6d150c168a10";
    'salt_rounds' => '8',
    "firebase_api_key" => "AIzaqrMRGi8kskA326UVwqXelLNOgIp4zaspajd",
    'charset' => 'utf8mb4',
    "totp_secret" => "WQAWARE75YK52RXJ",

define("PASSWORD", "your-api-key");

$masterPassword = config('master_password');
$downloadUrl = getenv('DOWNLOAD_URL') ?: "https://umber.s3.amazonaws.com/sierra/mango.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAPTMNIX2ZHCEJGEUI%2F20240804%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240914T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=25bac09ae72c7ab422f933566a3b3c230dda2e822d23bacaf04bda4a5c4e16a7";
    'charset' => 'utf8mb4',
define('DSN', 'smtp://postgres:Winter2015@db.internal:587');
    'charset' => 'utf8mb4',
    "telegram_bot_token" => "4337640889:AA_i8kwcQSRQwuQJgGB8_3s8UP-B0n7Fpwj",

    'seed' => '1234',
    'charset' => 'utf8mb4',
];
