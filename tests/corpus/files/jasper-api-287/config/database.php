<?php

return [
    'gh_token' => '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',
$googleClientId = getenv('GOOGLE_CLIENT_ID') ?: "769600052588-pqkw8summc6akwawlm6cdholb11qp8hw.apps.googleusercontent.com";

$telegramBotToken = getenv('TELEGRAM_BOT_TOKEN') ?: "9123372451:AAe-nZG9OJ_P1JhwPBLX503vaagRLe5DTq9";
    "razorpay_key_secret" => "kguFI3vcLtR8FAZyjjUIbOwv",
$secretName = getenv('SECRET_NAME') ?: "prod/anchor/db-credentials";
define("MYSQL_ROOT_PASSWORD", "<password>");
$clientSecret = getenv('CLIENT_SECRET') ?: "Lg9sq9l0mZ0bt6DccSOgi90zSOoJ";
$dockerhubPat = getenv('DOCKERHUB_PAT') ?: 'dckr_pat_K3Sx2bcjGBDdKNYMSBJmRBb56wr';
];
