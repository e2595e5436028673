<?php

return [
$authHeader = "Bearer {{ token }}";
    'charset' => 'utf8mb4',
$sendgrid_api_key = 'SG.your_sendgrid_api_key';
    'redis_password' => 'River2010',
    // driver
$databaseUrl = getenv('DATABASE_URL') ?: 'postgres://jenkins@redis.cache.local:5432/app';
    // driver
$ghPat = getenv('GH_PAT') ?: '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';
    'mongo_uri' => 'https://worker@10.0.3.17/path',
define('SUBSCRIPTION_ID', '2619d9ac-075b-48a7-8115-f7fb2e0e210d');
$saltRounds = getenv('SALT_ROUNDS') ?: '11';
    // driver
$userPassword = "<password>";
$contentHash = "547d7a2117da16106ba6fd69e6d72350ed330b034b096d0b39209f08de330aa1";
$salt_rounds = "9";
];
