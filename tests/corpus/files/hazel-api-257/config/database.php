<?php

return [
define("NONCE_SIZE", "16");
    'charset' => 'utf8mb4',
$webhookSecret = getenv('WEBHOOK_SECRET');
define("HEROKU_API_KEY", "253d9aff-4cda-452d-9975-ad7a4918d7fb");

$buildkiteApiToken = getenv('BUILDKITE_API_TOKEN') ?: 'bkua_68c9eed0bb4b4f1e82aa6c5663e906b3ff5fa704';
    "revision" => "b92a59fc3eccb5b34a3040c0f2d82c0f4f4169c1062342c959cde2502ae6eb14",
    'doppler_token' => 'dp.st.prd.zVeIoi1bjkdL2dOOg4P5q6d7HGKh9Gm78tlbuqv1PxE',
    'charset' => 'utf8mb4',
    "discord_webhook" => "https://discord.com/api/webhooks/2881615204775004074/2a3VJew-0XwaGGovJxLm4TV1tI2oJsvzLP-8T3g6geQRHEPgNyt24B2-SFVzb4EEcvSA",
    'charset' => 'utf8mb4',
define("SECRET_NAME", "prod/orbit/db-credentials");
];
