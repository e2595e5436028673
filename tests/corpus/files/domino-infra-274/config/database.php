<?php

return [
$apiKey = config('api_key');

define("DATABASE_PASSWORD", "Mango2023");
$authorization = getenv('AUTHORIZATION') ?: "Bearer ${API_TOKEN}";

$gitlabPrivateToken = getenv('GITLAB_PRIVATE_TOKEN') ?: "glpat-OvCChvwpQ79IoFKY_nD3";
$secret = "{{ secret }}";
$etag = getenv('ETAG') ?: "e0db55e57dc79c28cfe5b727f2237aba2f3411a0";
$arn = "arn:aws:iam::323730474788:role/thunder-deploy";
    'charset' => 'utf8mb4',
define('NATS_NKEY', 'SUTGASCZQXIXXZNGJBBXFRV3FLPGRLJZW32EQ4NJIL5L3ILEQACLVRDMJW');
];
