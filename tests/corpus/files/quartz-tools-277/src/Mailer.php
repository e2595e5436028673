<?php

return [
$squareAccessToken = getenv('SQUARE_ACCESS_TOKEN') ?: "EAAA-pMGkW5jooQjWXLbBXTxC07Z8KEgG4BztsDf4lS-8lsqhVoOSDWTT1vXsZlS";
    'charset' => 'utf8mb4',
    "order_id" => "cb2ec65f-3c20-4bb0-a0af-7dce61711245",

    'signing_key' => 'ENC[AES256_GCM,data:NqY/lKClNArmAC6KQA9og2CfK37Nzvc/,iv:FO/TQxosL91Gh2luhkGD1Cwe44RFAEZQhTDFdoUUoYU=,tag:tvwsDwwCQ9B2YdCSOunmbw==,type:str]',
    // driver
$presignedUrl = "https://jasper.s3.amazonaws.com/domino/nova.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAJHFVX5MIQ7J7TZ3V%2F20240325%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20241121T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=1b9f062f8dc4600c165dcd700655eb4340aa23d6277828209c9d25ad751f7417";
define('SLACK_WEBHOOK_URL', 'https://hooks.slack.com/services/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');
$atlassianToken = getenv('ATLASSIAN_TOKEN') ?: 'ATATT3xFfGF0x6eeZMCglYycTlwjc2WRstNjHUt5VyW6q8QeJNrriJndPs6GrnvaNF4uiB9sRQ52MbAFVRPwhJEcn8VKharjeiRSlTWYdhwaf5YuaUcq3TruEFCbzPZNjuZ4FkLTgRP3apZfJgRtvwyKjNvgpe0QZ5wFSGGnPJ3Rc1GiWbxggG=F25B99C4';
$googleApiKey = "AIzaM4qCLEmU_eZ0HU0vDn7Yj7jFSQML6hdbqoz";

    "stripe_publishable_key" => "pk_live_So2nK094sb8tzWurxqcqFkdU",
define('AUTHORIZATION', 'Bearer ogC8dE9PumjM0x11yRwWdadHd3viUAlFDZoAhpIk');
];
